using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Http.Auth;
using Journal.EventStore.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Api.Tests.Http.Support;

/// <summary>The service in-process on its own temp data directory, with a reader, a writer and an admin key.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string ReaderKey = "reader-secret-key-0001";
    public const string WriterKey = "writer-secret-key-0002";
    public const string AdminKey = "admin-secret-key-0003";

    private readonly WebApplicationFactory<Program> _factory;
    private DataDirectoryLock? _held;

    private readonly bool _ownsDirectory;

    private ApiHost(WebApplicationFactory<Program> factory, string directory, bool ownsDirectory = true)
    {
        _factory = factory;
        Directory = directory;
        _ownsDirectory = ownsDirectory;
    }

    public string Directory { get; }

    public IServiceProvider Services => Started().Services;

    /// <summary>Starts a host; <paramref name="withKeys"/> false runs it unauthenticated (loopback mode).</summary>
    public static ApiHost Start(bool withKeys = true, IReadOnlyDictionary<string, string>? settings = null, Action<IWebHostBuilder>? configure = null) =>
        StartIn(Path.Combine(Path.GetTempPath(), "journal-api-tests", Guid.NewGuid().ToString("N")), withKeys, settings, configure, ownsDirectory: true);

    /// <summary>Starts a host on <paramref name="directory"/> (its data in <c>data/</c>); the directory outlives it unless owned, so a test can stop and start again.</summary>
    public static ApiHost StartIn(string directory, bool withKeys = true, IReadOnlyDictionary<string, string>? settings = null, Action<IWebHostBuilder>? configure = null, bool ownsDirectory = false)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Journal:DataDirectory", Path.Combine(directory, "data"));
            builder.UseSetting("Journal:HeartbeatSeconds", "1");
            if (withKeys)
            {
                var keys = new[] { ("reader-app", "reader", ReaderKey), ("writer-app", "writer", WriterKey), ("admin-app", "admin", AdminKey) };
                for (var i = 0; i < keys.Length; i++)
                {
                    builder.UseSetting($"Journal:ApiKeys:{i}:Name", keys[i].Item1);
                    builder.UseSetting($"Journal:ApiKeys:{i}:Role", keys[i].Item2);
                    builder.UseSetting($"Journal:ApiKeys:{i}:Sha256", ApiKey.HashHex(keys[i].Item3));
                }
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }

            configure?.Invoke(builder);
        });
        return new ApiHost(factory, directory, ownsDirectory);
    }

    /// <summary>A client sending <paramref name="key"/> as a bearer token (none when null).</summary>
    public HttpClient Client(string? key = WriterKey)
    {
        var client = Started().CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
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

    /// <summary>Creates a session and answers its id.</summary>
    public async Task<Guid> CreateSessionAsync(string? key = null)
    {
        using var client = Writer();
        using var response = await client.PostAsJsonAsync("/v1/sessions", new { principal = "ada", device = "laptop", channel = "cli", sessionKey = key });
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
        if (_ownsDirectory && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
