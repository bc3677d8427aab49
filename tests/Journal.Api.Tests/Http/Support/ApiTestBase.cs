using Journal.Api.Tests.Http.Queries;

namespace Journal.Api.Tests.Http.Support;

/// <summary>
/// A test class with its own service (a fresh data directory per class instance, so per test), a
/// writer client and a query client made on first use, all disposed afterwards.
/// </summary>
public abstract class ApiTestBase : IAsyncLifetime
{
    private HttpClient? _writer;
    private QueryClient? _queries;

    protected ApiHost Host { get; private set; } = null!;

    /// <summary>A client with the writer role.</summary>
    protected HttpClient Writer => _writer ??= Host.Writer();

    /// <summary>Commands and queries over HTTP, for the query tests.</summary>
    protected QueryClient Queries => _queries ??= new QueryClient(Host);

    public Task InitializeAsync()
    {
        Host = StartHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _writer?.Dispose();
        _queries?.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Starts the service; override to pass settings.</summary>
    protected virtual ApiHost StartHost() => ApiHost.Start();
}
