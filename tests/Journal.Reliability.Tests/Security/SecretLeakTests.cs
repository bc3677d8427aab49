using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Journal.Api.Cli;
using Journal.Reliability.Tests.Support;

namespace Journal.Reliability.Tests.Security;

/// <summary>
/// Secrets planted in every text field of every command the API has never reach the disk (tape and read
/// models, after a WAL checkpoint), the logs (every line, at trace level) or an export; and the data
/// directory and its files stay owner-only through those writes and a rebuild of the read models.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SecretLeakTests : IDisposable
{
    private readonly TestDirectory _directory = new("secrets");
    private readonly List<string> _planted = [];
    private int _next;

    [Fact]
    public async Task Secrets_in_every_command_payload_never_reach_files_logs_or_exports_and_files_stay_owner_only()
    {
        var data = _directory.Combine("data");
        string logs;
        var everything = new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Journal.EventStore.Pipeline"] = "Trace",
        };
        await using (var host = ServiceHost.Start(data, everything))
        {
            using var client = host.Writer();
            await RunEveryCommandAsync(client);
            logs = host.Logs.All;
            Assert.Contains("CreateSessionRequest handled", logs, StringComparison.Ordinal);
            Assert.Contains("Request starting", logs, StringComparison.Ordinal);
        }

        var replay = await Tapes.CliAsync("replay", "--db", _directory.Tape);
        Assert.True(replay.Code == ExitCodes.Ok, $"replay exited {replay.Code}: {replay.Error}");
        var backup = Path.Combine(data, "backups", "copy.db");
        Assert.Equal(ExitCodes.Ok, (await Tapes.CliAsync("backup", "--db", _directory.Tape, "--to", backup)).Code);
        Assert.Equal(ExitCodes.Ok, (await Tapes.CliAsync("restore", "--db", _directory.Tape, "--from", backup)).Code);
        var export = await Tapes.CliAsync("export", "--format", "ndjson", "--db", _directory.Tape);
        Assert.Equal(ExitCodes.Ok, export.Code);
        Assert.Contains("session.created.v1", export.Output, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(data, "*.db", SearchOption.AllDirectories))
        {
            Tapes.Execute(file, "PRAGMA wal_checkpoint(TRUNCATE);");
        }

        var files = Directory.GetFiles(data, "*", SearchOption.AllDirectories);
        Assert.Contains(backup, files);
        Assert.True(_planted.Count >= 20, $"only {_planted.Count} secrets planted");
        foreach (var secret in _planted)
        {
            var core = Encoding.UTF8.GetBytes(Core(secret));
            foreach (var file in files)
            {
                Assert.False(File.ReadAllBytes(file).AsSpan().IndexOf(core) >= 0, $"{secret} found in {Path.GetFileName(file)}");
            }

            Assert.DoesNotContain(Core(secret), logs, StringComparison.Ordinal);
            Assert.DoesNotContain(Core(secret), export.Output, StringComparison.Ordinal);
        }

        AssertOwnerOnly(data, files);
    }

    [Fact]
    public async Task The_in_memory_modes_snapshot_is_owner_only_and_holds_no_planted_secret()
    {
        var data = _directory.Combine("memory-data");
        var settings = new Dictionary<string, string> { ["Journal:Persist"] = "0" };
        await using (var host = ServiceHost.Start(data, settings))
        {
            using var client = host.Writer();
            await RunEveryCommandAsync(client);
        }

        var files = Directory.GetFiles(data, "*", SearchOption.AllDirectories);
        var snapshot = Assert.Single(files, f => f.EndsWith(".snapshot.db", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(snapshot);
        Assert.All(_planted, secret => Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Core(secret))) >= 0, $"{secret} found in the snapshot"));
        AssertOwnerOnly(data, files);
    }

    private static void AssertOwnerOnly(string data, string[] files)
    {
        foreach (var directory in Directory.GetDirectories(data, "*", SearchOption.AllDirectories).Append(data))
        {
            Assert.True(File.GetUnixFileMode(directory) == (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), $"{directory} is {File.GetUnixFileMode(directory)}");
        }

        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{Path.GetFileName(f)} is {File.GetUnixFileMode(f)}"));
    }

    public void Dispose() => _directory.Dispose();

    private const int CoreLength = 44;

    /// <summary>The distinctive part of a planted secret (what must not survive anywhere).</summary>
    private static string Core(string secret) => secret.Substring(secret.LastIndexOf('Q') + 1, CoreLength);

    private static string NewCore() => Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// A tool's command line with a secret after a sensitive flag or variable in every form, each remembered,
    /// between flags that must keep their values.
    /// </summary>
    private string FlagArguments()
    {
        string[] forms =
        [
            "--token Q{0}", "--token=Q{0}", "-token Q{0}", "--api-key Q{0}", "--token \"two words Q{0}\"",
            "--token='two words Q{0}'", "--api-key\t'Q{0}'", "GH_TOKEN=Q{0}", "export API_KEY=\"two words Q{0}\"",
        ];
        var line = new List<string> { "--max-tokens 100 --tokenizer bpe" };
        foreach (var form in forms)
        {
            var secret = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, NewCore());
            _planted.Add(secret);
            line.Add(secret);
        }

        return string.Join(' ', line);
    }

    /// <summary>A new secret of a rotating kind, remembered; its random core follows the last 'Q'.</summary>
    private string Secret()
    {
        var core = NewCore();
        string[] kinds =
        [
            $"my key is sk-Q{core}",
            $"Authorization: Bearer Q{core}",
            $"curl https://x.example/?token=Q{core}",
            $"api_key=Q{core}",
            $"{{\"password\":\"Q{core}\"}}",
            $"-----BEGIN PRIVATE KEY----- Q{core} -----END PRIVATE KEY-----",
        ];
        var secret = kinds[_next++ % kinds.Length];
        _planted.Add(secret);
        return secret;
    }

    /// <summary>Every command endpoint, each text field carrying a secret; every step must succeed.</summary>
    private async Task RunEveryCommandAsync(HttpClient client)
    {
        var session = Id(await Send(client, HttpMethod.Post, "/v1/sessions", new { principal = "ada", device = "laptop", channel = "cli", label = Secret() }));
        await Send(client, HttpMethod.Put, $"/v1/sessions/{session}/label", new { label = Secret() });
        await Send(client, HttpMethod.Post, $"/v1/sessions/{session}/transcript", new { kind = "UserMessage", text = Secret() });
        await Send(client, HttpMethod.Post, $"/v1/sessions/{session}/transcript", new { kind = "ToolCall", text = Secret(), toolName = "shell" });

        var run = Id(await Send(client, HttpMethod.Post, "/v1/runs", new { sessionId = session, kind = "Foreground" }));
        await Send(client, HttpMethod.Post, $"/v1/runs/{run}/start", null);
        await Send(client, HttpMethod.Post, $"/v1/runs/{run}/tokens", new { inputTokens = 10, outputTokens = 20 });
        await Send(client, HttpMethod.Post, $"/v1/runs/{run}/complete", new { summary = Secret() });
        var failed = Id(await Send(client, HttpMethod.Post, "/v1/runs", new { sessionId = session, kind = "Background" }));
        await Send(client, HttpMethod.Post, $"/v1/runs/{failed}/start", null);
        await Send(client, HttpMethod.Post, $"/v1/runs/{failed}/fail", new { reason = Secret() });
        var cancelled = Id(await Send(client, HttpMethod.Post, "/v1/runs", new { sessionId = session, kind = "Background" }));
        await Send(client, HttpMethod.Post, $"/v1/runs/{cancelled}/start", null);
        await Send(client, HttpMethod.Post, $"/v1/runs/{cancelled}/cancel-request", new { requestedBy = Secret() });
        await Send(client, HttpMethod.Post, $"/v1/runs/{cancelled}/cancel", new { reason = Secret() });

        var job = Id(await Send(client, HttpMethod.Post, "/v1/tool-jobs", new { sessionId = session, toolName = "shell", arguments = Secret() }));
        await Send(client, HttpMethod.Post, $"/v1/tool-jobs/{job}/start", null);
        await Send(client, HttpMethod.Post, $"/v1/tool-jobs/{job}/output", new { stream = "Stdout", text = Secret() });
        await Send(client, HttpMethod.Post, $"/v1/tool-jobs/{job}/output", new { stream = "Stderr", text = Secret() });
        await Send(client, HttpMethod.Post, $"/v1/tool-jobs/{job}/fail", new { reason = Secret(), exitCode = 1 });
        await Send(client, HttpMethod.Post, $"/v1/tool-jobs/{job}/retry", null);
        var done = Id(await Send(client, HttpMethod.Post, "/v1/tool-jobs", new { sessionId = session, toolName = "grep", arguments = Secret() }));
        await Send(client, HttpMethod.Post, $"/v1/tool-jobs/{done}/start", null);
        await Send(client, HttpMethod.Post, $"/v1/tool-jobs/{done}/complete", new { exitCode = 0 });
        var timedOut = Id(await Send(client, HttpMethod.Post, "/v1/tool-jobs", new { sessionId = session, toolName = "sleep", arguments = Secret() }));
        await Send(client, HttpMethod.Post, $"/v1/tool-jobs/{timedOut}/start", null);
        await Send(client, HttpMethod.Post, $"/v1/tool-jobs/{timedOut}/timeout", null);
        var dropped = Id(await Send(client, HttpMethod.Post, "/v1/tool-jobs", new { sessionId = session, toolName = "rm", arguments = Secret() }));
        await Send(client, HttpMethod.Post, $"/v1/tool-jobs/{dropped}/cancel", new { reason = Secret() });
        var flagged = Id(await Send(client, HttpMethod.Post, "/v1/tool-jobs", new { sessionId = session, toolName = "gh", arguments = FlagArguments() }));
        await Send(client, HttpMethod.Post, $"/v1/tool-jobs/{flagged}/start", null);
        await Send(client, HttpMethod.Post, $"/v1/tool-jobs/{flagged}/complete", new { exitCode = 0 });

        var expires = DateTimeOffset.UtcNow.AddHours(1);
        var approval = Id(await Send(client, HttpMethod.Post, "/v1/approvals", new { sessionId = session, subjectType = "tool", subjectId = "shell", summary = Secret(), scope = "Once", expiresAt = expires }));
        await Send(client, HttpMethod.Post, $"/v1/approvals/{approval}/decision", new { decision = "Allow", decidedBy = Secret(), reason = Secret() });
        var denied = Id(await Send(client, HttpMethod.Post, "/v1/approvals", new { sessionId = session, subjectType = "tool", subjectId = "rm", summary = Secret(), scope = "Session", expiresAt = expires }));
        await Send(client, HttpMethod.Post, $"/v1/approvals/{denied}/decision", new { decision = "Deny", decidedBy = "ops", reason = Secret() });

        var document = Id(await Send(client, HttpMethod.Post, "/v1/workspace/documents", new { path = "notes/keys.md", content = Secret() }));
        await Send(client, HttpMethod.Put, $"/v1/workspace/documents/{document}", new { content = Secret() });
        await Send(client, HttpMethod.Post, $"/v1/workspace/documents/{document}/move", new { newPath = "notes/moved.md" });
        await Send(client, HttpMethod.Delete, $"/v1/workspace/documents/{document}", null);
        await Send(client, HttpMethod.Post, $"/v1/workspace/documents/{document}/restore", null);

        await Send(client, HttpMethod.Post, $"/v1/sessions/{session}/archive", new { reason = Secret() });
    }

    private static async Task<JsonElement> Send(HttpClient client, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Id(JsonElement created)
    {
        var stream = created.GetProperty("stream").GetString()!;
        return stream[(stream.IndexOf('-', StringComparison.Ordinal) + 1)..];
    }
}
