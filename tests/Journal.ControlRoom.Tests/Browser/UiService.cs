using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Hosting;
using Journal.Api.Http.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.ControlRoom.Tests.Browser;

/// <summary>
/// The real service, built as Program builds it, on Kestrel at 127.0.0.1 with a port the OS picks (the browser needs
/// a socket), with a reader, a writer and an admin key, on its own temp data directory. The tests write through
/// its HTTP API, as an agent daemon would.
/// </summary>
public class UiService : IAsyncLifetime
{
    public const string ReaderKey = "ui-reader-key-0001";
    public const string WriterKey = "ui-writer-key-0002";
    public const string AdminKey = "ui-admin-key-0003";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-controlroom-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public Uri Address { get; private set; } = default!;

    public string DataDirectory => Path.Combine(_directory, "data");

    public string TapePath => Path.Combine(DataDirectory, "journal.db");

    /// <summary>False runs the service without keys: loopback only, no sign-in.</summary>
    protected virtual bool WithKeys => true;

    public async Task InitializeAsync()
    {
        string[] keys = !WithKeys ? [] :
        [
            "--Journal:ApiKeys:0:Name=reader-app", "--Journal:ApiKeys:0:Role=reader", $"--Journal:ApiKeys:0:Sha256={ApiKey.HashHex(ReaderKey)}",
            "--Journal:ApiKeys:1:Name=writer-app", "--Journal:ApiKeys:1:Role=writer", $"--Journal:ApiKeys:1:Sha256={ApiKey.HashHex(WriterKey)}",
            "--Journal:ApiKeys:2:Name=admin-app", "--Journal:ApiKeys:2:Role=admin", $"--Journal:ApiKeys:2:Sha256={ApiKey.HashHex(AdminKey)}",
        ];
        _app = JournalHost.Build([$"--Journal:DataDirectory={Path.Combine(_directory, "data")}", "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. keys]);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.Single());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };
        if (key is not null && WithKeys)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async Task<Guid> CreateSessionAsync(string principal, string label)
    {
        var body = await PostAsync("/v1/sessions", new { principal, device = "laptop", channel = "cli", label });
        return Guid.Parse(body.GetProperty("stream").GetString()!["session-".Length..]);
    }

    public async Task<Guid> RequestApprovalAsync(Guid sessionId, string summary)
    {
        var body = await PostAsync("/v1/approvals", new { sessionId, subjectType = "tool.shell", subjectId = "make deploy", summary, scope = "Once", expiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        return Guid.Parse(body.GetProperty("stream").GetString()!["approval-".Length..]);
    }

    public Task AppendEntryAsync(Guid sessionId, string text) =>
        PostAsync($"/v1/sessions/{sessionId}/transcript", new { kind = "AssistantMessage", text });

    public async Task<Guid> CreateCanvasAsync(Guid sessionId, object state)
    {
        var body = await PostAsync("/v1/canvases", new { sessionId, state });
        return Guid.Parse(body.GetProperty("stream").GetString()!["canvas-".Length..]);
    }

    /// <summary>Applies an RFC 6902 patch made against <paramref name="version"/>, as an agent edits a canvas.</summary>
    public async Task PatchCanvasAsync(Guid canvasId, long version, string patch)
    {
        using var client = Client(WriterKey);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/canvases/{canvasId}") { Content = new StringContent(patch, System.Text.Encoding.UTF8, "application/json-patch+json") };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"PATCH canvas {canvasId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<Guid> CreateHourlyCronJobAsync(string name)
    {
        var jobId = Guid.CreateVersion7();
        await PostAsync("/v1/cron/jobs", new { jobId, name, channel = "cli", payload = new { run = name }, schedule = new { kind = "Interval", everySeconds = 3600 } });
        return jobId;
    }

    public async Task<Guid> RememberAsync(string principal, string content)
    {
        var itemId = Guid.CreateVersion7();
        await PostAsync("/v1/memory/items", new { itemId, principal, content });
        return itemId;
    }

    /// <summary>The tape's events of one type, through the API.</summary>
    public async Task<IReadOnlyList<JsonElement>> EventsOfTypeAsync(string type)
    {
        using var client = Client(ReaderKey);
        var page = await client.GetFromJsonAsync<JsonElement>("/v1/journal/events?limit=1000");
        return page.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("eventType").GetString() == type).ToList();
    }

    /// <summary>Changes one payload byte on the running service's tape file, around its triggers: the forgery verification must find.</summary>
    public void TamperPayload(long seq)
    {
        using var connection = new SqliteConnection($"Data Source={TapePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER journal_events_only_erasure; DROP TRIGGER journal_events_storage_classes; UPDATE journal_events SET payload = X'A1BB' WHERE seq = $seq;";
        command.Parameters.AddWithValue("$seq", seq);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var client = Client(WriterKey);
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>The service without keys: it listens on loopback only, and the control room needs no sign-in.</summary>
public sealed class LoopbackUiService : UiService
{
    protected override bool WithKeys => false;
}
