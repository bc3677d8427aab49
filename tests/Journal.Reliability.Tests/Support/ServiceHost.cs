using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Http.Auth;
using Journal.EventStore.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Journal.Projections.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Journal.Reliability.Tests.Support;

/// <summary>
/// The service in-process (TestServer) over a given data directory, with a reader, a writer and an admin
/// key, every log line captured at trace level.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    public const string ReaderKey = "reader-key-reliability-0001";
    public const string WriterKey = "writer-key-reliability-0002";
    public const string AdminKey = "admin-key-reliability-0003";

    private readonly WebApplicationFactory<Program> _factory;
    private DataDirectoryLock? _held;

    private ServiceHost(WebApplicationFactory<Program> factory, CapturedLogs logs)
    {
        _factory = factory;
        Logs = logs;
    }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => Started().Services;

    /// <summary>Starts the service over <paramref name="dataDirectory"/>; the host starts on first use of <see cref="Services"/> or a client.</summary>
    public static ServiceHost Start(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null, TimeSpan? readYourWritesWait = null)
    {
        var logs = new CapturedLogs();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Journal:DataDirectory", dataDirectory);
            builder.UseSetting("Journal:RateLimitPerMinute", "10000000");
            var keys = new[] { ("reader-app", "reader", ReaderKey), ("writer-app", "writer", WriterKey), ("admin-app", "admin", AdminKey) };
            for (var i = 0; i < keys.Length; i++)
            {
                builder.UseSetting($"Journal:ApiKeys:{i}:Name", keys[i].Item1);
                builder.UseSetting($"Journal:ApiKeys:{i}:Role", keys[i].Item2);
                builder.UseSetting($"Journal:ApiKeys:{i}:Sha256", ApiKey.HashHex(keys[i].Item3));
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
            if (readYourWritesWait is { } wait)
            {
                // Bound how long a query asking for an unreached position waits (fuzzed positions are often huge).
                builder.ConfigureServices(services =>
                {
                    var registered = services.Single(d => d.ServiceType == typeof(ProjectionOptions));
                    services.Remove(registered);
                    services.AddSingleton(((ProjectionOptions)registered.ImplementationInstance!) with { MaxWait = wait });
                });
            }
        });
        return new ServiceHost(factory, logs);
    }

    public HttpClient Client(string? key)
    {
        var client = Started().CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.Timeout = TimeSpan.FromSeconds(30);
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public HttpClient Reader() => Client(ReaderKey);

    public HttpClient Writer() => Client(WriterKey);

    public HttpClient Admin() => Client(AdminKey);

    /// <summary>The tape's head position, through the API.</summary>
    public async Task<long> HeadAsync()
    {
        using var client = Reader();
        var head = await client.GetFromJsonAsync<JsonElement>("/v1/journal/head");
        return head.GetProperty("seq").GetInt64();
    }

    /// <summary>Creates a session through the API and answers its id.</summary>
    public async Task<Guid> CreateSessionAsync()
    {
        using var client = Writer();
        using var response = await client.PostAsJsonAsync("/v1/sessions", new { principal = "ada", device = "laptop", channel = "cli" });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return Guid.Parse(body.GetProperty("stream").GetString()!["session-".Length..]);
    }

    /// <summary>The factory with its host started, the directory's lock remembered for <see cref="DisposeAsync"/>.</summary>
    private WebApplicationFactory<Program> Started()
    {
        _held ??= _factory.Services.GetRequiredService<DataDirectoryLock>();
        return _factory;
    }

    public async ValueTask DisposeAsync()
    {
        // The service's entry point disposes the host too: the factory's disposal can return while that one still
        // runs, so the next host on this directory (or a CLI verb) waits until the directory is let go.
        await _factory.DisposeAsync();
        if (_held is not null)
        {
            await _held.Released.WaitAsync(TimeSpan.FromSeconds(60));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
