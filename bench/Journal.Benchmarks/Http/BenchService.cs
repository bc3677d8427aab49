using Journal.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Benchmarks.Http;

/// <summary>
/// The real service in-process: the app's own builder (<see cref="JournalHost.Build"/>), Kestrel on a
/// free loopback port, a temp data directory, no keys (loopback mode), console logging at warnings
/// only and the rate limit raised out of the way. Adds one trivial endpoint for the baseline, and two fixed answers
/// of a transcript page's size for <see cref="RequestCost"/>.
/// </summary>
internal sealed class BenchService : IAsyncDisposable
{
    /// <summary>The trivial endpoint: same Kestrel, same middleware, no journal work.</summary>
    public const string RawPath = "/bench/raw";

    /// <summary>A fixed body of about a transcript page's size (13.6 KB), written as it is.</summary>
    public const string BytesPath = "/bench/bytes";

    /// <summary>A fixed list of 50 records of about a transcript page's size, through the serializer.</summary>
    public const string ListPath = "/bench/list";

    private readonly WebApplication _app;
    private readonly string _directory;

    private BenchService(WebApplication app, string directory, Uri address)
    {
        _app = app;
        _directory = directory;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<BenchService> StartAsync() => StartAsync(null);

    /// <summary>Starts the service on an empty data directory, or on a copy of the files of <paramref name="seedDirectory"/>.</summary>
    public static async Task<BenchService> StartAsync(string? seedDirectory)
    {
        var directory = Path.Combine(Path.GetTempPath(), "journal-bench-http", Guid.NewGuid().ToString("N"));
        if (seedDirectory is not null)
        {
            var data = Directory.CreateDirectory(Path.Combine(directory, "data")).FullName;
            foreach (var file in Directory.EnumerateFiles(seedDirectory))
            {
                var copy = Path.Combine(data, Path.GetFileName(file));
                File.Copy(file, copy);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }
        }

        var app = JournalHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--Journal:DataDirectory={Path.Combine(directory, "data")}",
            "--Journal:RateLimitPerMinute=10000000",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
        ]);
        app.MapGet(RawPath, () => TypedResults.Ok(new RawAnswer("ok")));
        var body = new byte[13_621];
        Array.Fill(body, (byte)'a');
        app.MapGet(BytesPath, () => TypedResults.Bytes(body, "application/json"));
        var list = Enumerable.Range(0, 50).Select(i => new RawAnswer(new string('x', 250))).ToArray();
        app.MapGet(ListPath, () => TypedResults.Ok(list));
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new BenchService(app, directory, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The trivial endpoint's answer.</summary>
    /// <param name="Status">Always <c>ok</c>.</param>
    internal sealed record RawAnswer(string Status);
}
