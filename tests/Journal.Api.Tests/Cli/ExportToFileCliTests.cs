using Journal.Api.Cli;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Serialization;
using Microsoft.Data.Sqlite;

namespace Journal.Api.Tests.Cli;

public sealed class ExportToFileCliTests : IAsyncLifetime
{
    private static readonly string[] Columns = ["seq", "event_id", "stream_id", "stream_version", "event_type", "recorded_at", "metadata", "payload", "payload_digest", "prev_hash", "hash"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-cli-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "data", "journal.db");

    private string ExportPath => Path.Combine(_directory, "exports", "copy.db");

    public async Task InitializeAsync()
    {
        await using var store = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = DatabasePath }, new EventTypeRegistry([]), TimeProvider.System);
        for (var i = 1; i <= 5; i++)
        {
            await store.AppendAsync(StreamId.Parse($"s-{i % 2}"), ExpectedVersion.Any, [new EventData(Guid.NewGuid(), "test.said.v1", new { text = $"hello {i}" })], new EventMetadata(Actor: "export-test", CorrelationId: $"c-{i}"), default);
        }

        await store.ErasePayloadsAsync([2, 4], "forget them", new EventMetadata(Actor: "ops"), default);
        await store.AppendAsync(StreamId.Parse("s-9"), ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), "test.said.v1", new { text = "after the erasure" })], new EventMetadata(Actor: "export-test"), default);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Export_to_writes_a_new_owner_only_file_with_every_column_and_the_journal_id_of_the_tape()
    {
        var (code, output, error) = await Run("export", "--db", DatabasePath, "--to", ExportPath);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("7 events", output, StringComparison.Ordinal);
        Assert.Contains("2 erased", output, StringComparison.Ordinal);
        Assert.Contains("verify: intact", output, StringComparison.Ordinal);
        var source = ReadRows(DatabasePath);
        var copy = ReadRows(ExportPath);
        Assert.Equal(7, source.Count);
        Assert.Equal(source.Count, copy.Count);
        for (var i = 0; i < source.Count; i++)
        {
            Assert.Equal(source[i], copy[i]);
        }

        Assert.Equal("null", copy[1][Array.IndexOf(Columns, "payload") * 2 + 1]);
        Assert.Equal("null", copy[3][Array.IndexOf(Columns, "payload") * 2 + 1]);
        Assert.Equal(ReadJournalId(DatabasePath), ReadJournalId(ExportPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ExportPath));
        Assert.Equal([ExportPath], Directory.GetFiles(Path.GetDirectoryName(ExportPath)!));
    }

    [Fact]
    public async Task Export_to_makes_a_file_that_our_verifier_and_the_independent_python_verifier_find_intact()
    {
        var (code, _, error) = await Run("export", "--db", DatabasePath, "--to", ExportPath);
        var (verifyCode, verified, _) = await Run("verify", "--db", ExportPath);
        var (pythonCode, python) = await ChainScript.RunAsync(ExportPath);
        var (_, sourceVerified, _) = await Run("verify", "--db", DatabasePath);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(ExitCodes.Ok, verifyCode);
        Assert.StartsWith("intact: 7 events checked", verified, StringComparison.Ordinal);
        Assert.Equal(0, pythonCode);
        Assert.StartsWith("intact 7 2 7 ", python, StringComparison.Ordinal);
        var head = sourceVerified.Split(' ')[^1].Trim();
        Assert.EndsWith(head, python.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_to_refuses_an_existing_file_with_exit_2_and_leaves_it_alone()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ExportPath)!);
        await File.WriteAllTextAsync(ExportPath, "keep me");

        var (code, _, error) = await Run("export", "--db", DatabasePath, "--to", ExportPath);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"'{ExportPath}'", error, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(ExportPath));
        Assert.Equal([ExportPath], Directory.GetFiles(Path.GetDirectoryName(ExportPath)!));
    }

    [Fact]
    public async Task Export_to_refuses_the_tape_itself_and_a_start_other_than_seq_1()
    {
        var (selfCode, _, selfError) = await Run("export", "--db", DatabasePath, "--to", DatabasePath);
        var (fromCode, _, fromError) = await Run("export", "--db", DatabasePath, "--to", ExportPath, "--from", "3");
        var (_, verified, _) = await Run("verify", "--db", DatabasePath);

        Assert.Equal(ExitCodes.BadInput, selfCode);
        Assert.Contains($"'{DatabasePath}'", selfError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, fromCode);
        Assert.Contains("--from", fromError, StringComparison.Ordinal);
        Assert.False(File.Exists(ExportPath));
        Assert.StartsWith("intact: 7 events checked", verified, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_without_to_still_writes_ndjson_to_standard_output()
    {
        var (code, output, _) = await Run("export", "--db", DatabasePath);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(7, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.False(Directory.Exists(Path.GetDirectoryName(ExportPath)));
    }

    /// <summary>Every column of every row as (storage class, value) pairs, blobs in hex, in seq order.</summary>
    private static List<string[]> ReadRows(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + string.Join(", ", Columns.Select(c => $"typeof({c}), {c}")) + " FROM journal_events ORDER BY seq";
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[Columns.Length * 2];
            for (var i = 0; i < row.Length; i += 2)
            {
                row[i] = reader.GetString(i);
                row[i + 1] = reader.IsDBNull(i + 1) ? "null"
                    : reader.GetValue(i + 1) is byte[] bytes ? Convert.ToHexString(bytes)
                    : Convert.ToString(reader.GetValue(i + 1), System.Globalization.CultureInfo.InvariantCulture)!;
            }

            rows.Add(row);
        }

        return rows;
    }

    private static string ReadJournalId(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM journal_info WHERE key = 'journal_id'";
        return (string)command.ExecuteScalar()!;
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await JournalCli.RunAsync(args, output, error, default);
        return (code, output.ToString(), error.ToString());
    }
}
