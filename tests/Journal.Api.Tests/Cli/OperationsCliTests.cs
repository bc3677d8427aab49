using System.Text.Json;
using Journal.Api.Cli;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Serialization;

namespace Journal.Api.Tests.Cli;

public sealed class OperationsCliTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-cli-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "data", "journal.db");

    private string BackupPath => Path.Combine(_directory, "backups", "journal.backup.db");

    public async Task InitializeAsync() => await AppendAsync(DatabasePath, 3);

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Backup_writes_an_owner_only_copy_that_verifies_on_its_own()
    {
        var (code, output, _) = await Run("backup", "--db", DatabasePath, "--to", BackupPath);
        var (verifyCode, verified, _) = await Run("verify", "--file", BackupPath);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("head 3", output, StringComparison.Ordinal);
        Assert.Contains("verify: intact, 3 events checked", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, verifyCode);
        Assert.StartsWith("intact: 3 events checked", verified, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(BackupPath));
        Assert.False(File.Exists(BackupPath + "-wal"));
    }

    [Fact]
    public async Task Backup_refuses_to_replace_an_existing_file_with_exit_2_unless_forced()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(BackupPath)!);
        await File.WriteAllTextAsync(BackupPath, "keep me");

        var (code, _, error) = await Run("backup", "--db", DatabasePath, "--to", BackupPath);
        var kept = await File.ReadAllTextAsync(BackupPath);
        var (forcedCode, forced, forcedError) = await Run("backup", "--db", DatabasePath, "--to", BackupPath, "--force");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"'{BackupPath}'", error, StringComparison.Ordinal);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal("keep me", kept);
        Assert.True(forcedCode == ExitCodes.Ok, forcedError);
        Assert.Contains("verify: intact, 3 events checked", forced, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_that_cannot_take_the_targets_place_exits_2_and_leaves_no_file_behind()
    {
        var backups = Path.Combine(_directory, "backups");
        var occupied = Path.Combine(backups, "occupied");
        Directory.CreateDirectory(occupied);

        var (code, _, error) = await Run("backup", "--db", DatabasePath, "--to", occupied, "--force");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(occupied, error, StringComparison.Ordinal);
        Assert.Equal([occupied], Directory.GetFileSystemEntries(backups));
        Assert.Empty(Directory.GetFileSystemEntries(occupied));
    }

    [Fact]
    public async Task Backup_refuses_the_tape_itself_as_its_target_even_when_forced()
    {
        var (code, _, error) = await Run("backup", "--db", DatabasePath, "--to", DatabasePath, "--force");
        var (verifyCode, verified, _) = await Run("verify", "--db", DatabasePath);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"'{DatabasePath}'", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, verifyCode);
        Assert.StartsWith("intact: 3 events checked", verified, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_refuses_a_broken_backup_with_exit_3_and_leaves_the_tape_alone()
    {
        await Run("backup", "--db", DatabasePath, "--to", BackupPath);
        Execute(BackupPath, "DROP TRIGGER journal_events_only_erasure; UPDATE journal_events SET stream_id = 's-9' WHERE seq = 2;");
        await AppendAsync(DatabasePath, 1);

        var (code, _, error) = await Run("restore", "--db", DatabasePath, "--from", BackupPath);
        var (_, stats, _) = await Run("stats", "--db", DatabasePath, "--json");

        Assert.Equal(ExitCodes.Mismatch, code);
        Assert.Contains("restore refused: the backup's chain is broken at seq 2 (hash_mismatch); nothing was replaced", error, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(stats);
        Assert.Equal(4, document.RootElement.GetProperty("headSeq").GetInt64());
    }

    [Fact]
    public async Task Restore_brings_the_tape_back_to_the_backup_and_rebuilds_the_read_models()
    {
        await Run("backup", "--db", DatabasePath, "--to", BackupPath);
        await AppendAsync(DatabasePath, 2);

        var (code, output, error) = await Run("restore", "--db", DatabasePath, "--from", BackupPath);
        var (_, verified, _) = await Run("verify", "--db", DatabasePath);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("restored 3 events", output, StringComparison.Ordinal);
        Assert.Contains("read models rebuilt from 3 events", output, StringComparison.Ordinal);
        Assert.StartsWith("intact: 3 events checked", verified, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DatabasePath));
    }

    [Fact]
    public async Task Checkpoint_signed_by_a_new_key_is_extended_by_the_tape_and_fails_on_a_truncated_copy()
    {
        var key = Path.Combine(_directory, "keys", "checkpoint.pem");
        var checkpoint = Path.Combine(_directory, "checkpoints", "head.json");
        var (keyCode, _, _) = await Run("checkpoint", "--new-key", "--key", key);
        var (signCode, signed, _) = await Run("checkpoint", "--sign", "--key", key, "--db", DatabasePath, "--out", checkpoint);
        await AppendAsync(DatabasePath, 2);
        var (extendsCode, extends, _) = await Run("verify", "--db", DatabasePath, "--checkpoint", checkpoint, "--public-key", key + ".pub");
        var shorter = Path.Combine(_directory, "shorter", "journal.db");
        await Run("backup", "--db", DatabasePath, "--to", shorter);
        Execute(shorter, "DROP TRIGGER journal_events_no_delete; DELETE FROM journal_events WHERE seq > 2;");
        var (truncatedCode, truncated, _) = await Run("verify", "--db", shorter, "--checkpoint", checkpoint, "--public-key", key + ".pub");

        Assert.Equal(ExitCodes.Ok, keyCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.Equal(ExitCodes.Ok, signCode);
        Assert.Contains("checkpoint of seq 3", signed, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, extendsCode);
        Assert.StartsWith("extends: the tape (head 5) extends the checkpoint at seq 3", extends, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Mismatch, truncatedCode);
        Assert.StartsWith("FAILED checkpoint.truncated: the tape ends at seq 2", truncated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoint_refuses_an_ambiguous_request()
    {
        var (code, _, error) = await Run("checkpoint", "--sign", "--new-key", "--key", Path.Combine(_directory, "k.pem"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("exactly one of", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_json_reports_every_field_of_a_healthy_journal()
    {
        // A writer that stays open keeps its last commits in the WAL (the last connection to close folds
        // the WAL into the file and removes it), so the report has a WAL to measure.
        await using var writer = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = DatabasePath }, new EventTypeRegistry([]), TimeProvider.System);
        await writer.AppendAsync(StreamId.Parse("s-open"), ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), "test.said.v1", new { text = "still open" })], new EventMetadata(Actor: "cli-test"), default);

        var (code, output, error) = await Run("health", "--db", DatabasePath, "--json");
        var walOnDisk = new FileInfo(DatabasePath + "-wal").Length;
        var fileOnDisk = new FileInfo(DatabasePath).Length;

        Assert.True(code == ExitCodes.Ok, error + output);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.Equal("file", root.GetProperty("mode").GetString());
        Assert.Equal(4, root.GetProperty("events").GetInt64());
        Assert.Equal(4, root.GetProperty("streams").GetInt64());
        Assert.Equal(4, root.GetProperty("head").GetProperty("seq").GetInt64());
        Assert.True(walOnDisk > 0, "the open writer's commit is not in a WAL");
        Assert.Equal(walOnDisk, root.GetProperty("walBytes").GetInt64());
        Assert.Equal(fileOnDisk, root.GetProperty("fileBytes").GetInt64());
        Assert.Equal(root.GetProperty("latestSchemaVersion").GetInt32(), root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("Intact", root.GetProperty("verification").GetProperty("report").GetProperty("status").GetString());
        Assert.NotEmpty(root.GetProperty("projections").EnumerateArray());
        Assert.Equal(0, root.GetProperty("deadLetters").GetInt32());
        Assert.True(root.GetProperty("diskFreeBytes").GetInt64() > 0);
        Assert.All(root.GetProperty("files").EnumerateArray(), f => Assert.True(f.GetProperty("ownerOnly").GetBoolean()));
        foreach (var name in new[] { "snapshotBytes", "snapshot", "retention", "maintenance", "checkpoint" })
        {
            Assert.True(root.TryGetProperty(name, out _), name);
        }
    }

    [Fact]
    public async Task Health_verifies_only_the_last_rows_of_a_tape_and_never_the_whole_chain()
    {
        await using (var store = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = DatabasePath }, new EventTypeRegistry([]), TimeProvider.System))
        {
            for (var batch = 0; batch < 12; batch++)
            {
                var events = Enumerable.Range(0, 100).Select(i => new EventData(Guid.NewGuid(), "test.said.v1", new { text = $"line {i}" })).ToList();
                await store.AppendAsync(StreamId.Parse($"s-batch-{batch}"), ExpectedVersion.NoStream, events, new EventMetadata(Actor: "cli-test"), default);
            }
        }

        var (code, output, error) = await Run("health", "--db", DatabasePath, "--json");
        var (textCode, text, _) = await Run("health", "--db", DatabasePath);

        Assert.True(code == ExitCodes.Ok, error + output);
        using var document = JsonDocument.Parse(output);
        var report = document.RootElement.GetProperty("verification").GetProperty("report");
        Assert.Equal(1203, report.GetProperty("headSeq").GetInt64());
        Assert.Equal(HealthCommand.RecentRows, report.GetProperty("eventsChecked").GetInt64());
        Assert.Equal(1203 - HealthCommand.RecentRows + 1, report.GetProperty("from").GetInt64());
        Assert.Equal("tail", document.RootElement.GetProperty("startVerification").GetProperty("scope").GetString());
        Assert.Equal(ExitCodes.Ok, textCode);
        Assert.Contains("verification:   tail 1000 events (204..1203): intact", text, StringComparison.Ordinal);
        Assert.Contains("last full:      none remembered", text, StringComparison.Ordinal);
    }

    private static async Task AppendAsync(string path, int count)
    {
        await using var store = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = path }, new EventTypeRegistry([]), TimeProvider.System);
        for (var i = 0; i < count; i++)
        {
            await store.AppendAsync(StreamId.Parse($"s-{Guid.NewGuid():N}"), ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), "test.said.v1", new { text = $"hello {i}" })], new EventMetadata(Actor: "cli-test"), default);
        }
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
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
