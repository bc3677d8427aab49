using System.Text.Json;
using Journal.Api.Cli;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Postgres;
using Journal.EventStore.Serialization;
using Journal.Testing.Postgres;

namespace Journal.Api.Tests.Cli;

/// <summary>The read-only verbs given <c>--db</c> a connection string to a PostgreSQL tape written through the store.</summary>
public sealed class PostgresTapeCliTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private const int Written = 5;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-cli-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Stats_of_a_postgres_tape_counts_its_events_streams_and_head()
    {
        var cs = await WriteTapeAsync();

        var (code, output, error) = await Run("stats", "--db", cs, "--json");

        Assert.True(code == ExitCodes.Ok, error);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(Written, document.RootElement.GetProperty("events").GetInt64());
        Assert.Equal(2, document.RootElement.GetProperty("streams").GetInt64());
        Assert.Equal(Written, document.RootElement.GetProperty("headSeq").GetInt64());
        Assert.Equal(64, document.RootElement.GetProperty("headHash").GetString()!.Length);
    }

    [Fact]
    public async Task Verify_of_a_postgres_tape_exits_0_and_reports_it_intact()
    {
        var cs = await WriteTapeAsync();

        var (code, output, error) = await Run("verify", "--db", cs);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.StartsWith($"intact: {Written} events checked", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_to_a_file_from_a_postgres_tape_writes_a_copy_the_python_verifier_finds_intact_with_the_same_head()
    {
        var cs = await WriteTapeAsync();
        var file = Path.Combine(_directory, "exports", "copy.db");

        var (code, output, error) = await Run("export", "--db", cs, "--to", file);
        var (_, verified, _) = await Run("verify", "--db", cs);
        var (pythonCode, python) = await ChainScript.RunAsync(file);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains($"{Written} events", output, StringComparison.Ordinal);
        Assert.Equal(0, pythonCode);
        Assert.StartsWith($"intact {Written} 0 {Written} ", python, StringComparison.Ordinal);
        Assert.EndsWith(verified.Split(' ')[^1].Trim(), python.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_of_a_postgres_tape_reports_healthy_with_its_counts_and_read_models_where_told()
    {
        var cs = await WriteTapeAsync();
        var projections = Path.Combine(_directory, "cli", "projections.db");

        var (code, output, error) = await Run("health", "--db", cs, "--projections-db", projections, "--json");

        Assert.True(code == ExitCodes.Ok, error + output);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.Equal(Written, root.GetProperty("events").GetInt64());
        Assert.Equal(Written, root.GetProperty("head").GetProperty("seq").GetInt64());
        Assert.Equal("Intact", root.GetProperty("verification").GetProperty("report").GetProperty("status").GetString());
        // The read models are generations beside the path given (projections-1.db, ...), not in the working directory.
        Assert.NotEmpty(Directory.GetFiles(Path.GetDirectoryName(projections)!, "projections-*.db"));
        Assert.False(Directory.Exists(Path.GetFullPath("data")), "the read models went to the service's default directory");
    }

    /// <summary>A new database with <see cref="Written"/> events on two streams, appended through the store.</summary>
    private async Task<string> WriteTapeAsync()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("cli" + Guid.NewGuid().ToString("N"));
        var options = new JournalStoreOptions { Provider = TapeProvider.Postgres, ConnectionString = cs, DatabasePath = Path.Combine(_directory, "writer", "journal.db") };
        await using var store = PostgresEventStore.Open(options, new EventTypeRegistry([]), TimeProvider.System);
        for (var i = 1; i <= Written; i++)
        {
            await store.AppendAsync(StreamId.Parse($"s-{i % 2}"), ExpectedVersion.Any, [new EventData(Guid.NewGuid(), "test.said.v1", new { text = $"hello {i}" })], new EventMetadata(Actor: "cli-test"), default);
        }

        return cs;
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await JournalCli.RunAsync(args, output, error, default);
        return (code, output.ToString(), error.ToString());
    }
}
