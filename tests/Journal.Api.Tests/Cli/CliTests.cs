using System.Text.Json;
using Journal.Api.Cli;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Serialization;

namespace Journal.Api.Tests.Cli;

public sealed class CliTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-cli-tests", Guid.NewGuid().ToString("N"));
    private string DatabasePath => Path.Combine(_directory, "data", "journal.db");

    public async Task InitializeAsync()
    {
        await using var store = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = DatabasePath }, new EventTypeRegistry([]), TimeProvider.System);
        for (var i = 1; i <= 3; i++)
        {
            await store.AppendAsync(StreamId.Parse($"s-{i}"), ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), "test.said.v1", new { text = $"hello {i}", api_key = "sk-live-" + Guid.NewGuid().ToString("N") })], new EventMetadata(Actor: "cli-test"), default);
        }
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Verify_exits_0_and_reports_intact_for_an_untouched_file()
    {
        var (code, output, _) = await Run("verify", "--db", DatabasePath);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith("intact: 3 events checked", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_exits_3_and_prints_the_seq_and_code_of_the_first_mismatch()
    {
        Tamper("DROP TRIGGER journal_events_only_erasure; UPDATE journal_events SET event_type = 'test.other.v1' WHERE seq = 2;");

        var (code, output, _) = await Run("verify", "--db", DatabasePath);
        var (jsonCode, json, _) = await Run("verify", "--db", DatabasePath, "--json");

        Assert.Equal(ExitCodes.Mismatch, code);
        Assert.StartsWith("broken at seq 2: hash_mismatch", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Mismatch, jsonCode);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("Broken", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, document.RootElement.GetProperty("firstMismatch").GetProperty("seq").GetInt64());
        Assert.Equal("hash_mismatch", document.RootElement.GetProperty("firstMismatch").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Stats_prints_events_streams_head_and_sizes()
    {
        var (code, output, _) = await Run("stats", "--db", DatabasePath, "--json");

        Assert.Equal(ExitCodes.Ok, code);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(3, root.GetProperty("events").GetInt64());
        Assert.Equal(3, root.GetProperty("streams").GetInt64());
        Assert.Equal(3, root.GetProperty("headSeq").GetInt64());
        Assert.Equal(64, root.GetProperty("headHash").GetString()!.Length);
        Assert.True(root.GetProperty("fileBytes").GetInt64() > 0);
        Assert.Equal(Journal.EventStore.Schema.MigrationSet.Tape().LatestVersion, root.GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public async Task Stats_prints_the_kept_event_counts_by_type()
    {
        var (jsonCode, json, _) = await Run("stats", "--db", DatabasePath, "--json");
        var (code, output, _) = await Run("stats", "--db", DatabasePath);

        Assert.Equal(ExitCodes.Ok, jsonCode);
        using var document = JsonDocument.Parse(json);
        var type = Assert.Single(document.RootElement.GetProperty("eventTypes").EnumerateArray());
        Assert.Equal("test.said.v1", type.GetProperty("eventType").GetString());
        Assert.Equal(3, type.GetProperty("events").GetInt64());
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("  test.said.v1: 3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_counts_a_file_made_before_the_kept_counts_by_scanning_it()
    {
        Tamper("DROP TABLE journal_counts; DROP TABLE journal_type_counts; DROP TABLE journal_open_streams; DROP TABLE journal_open_types; DELETE FROM schema_migrations WHERE version IN (5, 6, 7);");

        var (code, output, _) = await Run("stats", "--db", DatabasePath, "--json");

        Assert.Equal(ExitCodes.Ok, code);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(4, document.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(3, document.RootElement.GetProperty("events").GetInt64());
        Assert.Equal(3, document.RootElement.GetProperty("streams").GetInt64());
        Assert.Equal(3, Assert.Single(document.RootElement.GetProperty("eventTypes").EnumerateArray()).GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task Export_writes_one_json_object_per_event_with_decoded_payload_and_hex_hashes()
    {
        var (code, output, _) = await Run("export", "--format", "ndjson", "--db", DatabasePath, "--from", "2");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal(2, root.GetProperty("seq").GetInt64());
        Assert.Equal("s-2", root.GetProperty("streamId").GetString());
        Assert.Equal("hello 2", root.GetProperty("payload").GetProperty("text").GetString());
        Assert.Equal("[REDACTED]", root.GetProperty("payload").GetProperty("api_key").GetString());
        Assert.Equal("cli-test", root.GetProperty("metadata").GetProperty("actor").GetString());
        Assert.Equal(64, root.GetProperty("hash").GetString()!.Length);
        Assert.Equal(64, root.GetProperty("prevHash").GetString()!.Length);
    }

    [Theory]
    [InlineData("verify", "--db", "missing/journal.db")]
    [InlineData("export", "--format", "csv")]
    [InlineData("verify", "--from", "0")]
    [InlineData("stats", "--bogus")]
    [InlineData("verify", "--db", "../outside.db")]
    public async Task Verbs_exit_2_with_a_message_on_bad_input(params string[] args)
    {
        var (code, _, error) = await Run(args);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task Verify_refuses_a_file_that_is_not_a_journal()
    {
        var other = Path.Combine(_directory, "other.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={other};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x)";
            command.ExecuteNonQuery();
        }

        var (code, _, error) = await Run("verify", "--db", other);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("not a journal", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceArguments_drops_a_leading_serve_and_keeps_the_service_options()
    {
        Assert.Equal(["--urls", "http://127.0.0.1:5081"], JournalCli.ServiceArguments(["serve", "--urls", "http://127.0.0.1:5081"]));
        Assert.Equal(["--urls", "http://127.0.0.1:5081"], JournalCli.ServiceArguments(["--urls", "http://127.0.0.1:5081"]));
        Assert.Empty(JournalCli.ServiceArguments(["serve"]));
        Assert.False(JournalCli.IsVerb(["serve"]));
    }

    private void Tamper(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await JournalCli.RunAsync(args, output, error, default);
        return (code, output.ToString(), error.ToString());
    }
}
