using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Hosting;
using Journal.Api.Operations;
using Journal.Api.Tests.Http.Support;
using Journal.EventStore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Api.Tests.Hosting;

/// <summary>A start verifies only what came after the verified mark; the whole check runs in the background.</summary>
public sealed class StartVerificationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-api-tests", Guid.NewGuid().ToString("N"));

    private string Tape => Path.Combine(_directory, "data", "journal.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Start_after_a_clean_stop_verifies_only_the_events_appended_since_the_verified_mark()
    {
        var (mark, head) = await WriteMarkedTapeAsync(afterMark: 1);

        await using var second = ApiHost.StartIn(_directory);
        var health = await HealthAsync(second);

        var start = health.GetProperty("startVerification");
        Assert.True(head > mark && mark > 0, $"mark {mark}, head {head}");
        Assert.Equal("tail", start.GetProperty("scope").GetString());
        Assert.Equal(mark, start.GetProperty("markSeq").GetInt64());
        Assert.Equal(mark + 1, start.GetProperty("from").GetInt64());
        Assert.Equal(head, start.GetProperty("to").GetInt64());
        Assert.Equal(head - mark, start.GetProperty("eventsChecked").GetInt64());
        Assert.Equal(head - mark, health.GetProperty("verification").GetProperty("report").GetProperty("eventsChecked").GetInt64());
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        // The mark the first run wrote remembers its full check.
        Assert.Equal(mark, health.GetProperty("lastFullVerification").GetProperty("headSeq").GetInt64());
    }

    [Fact]
    public async Task Mark_written_by_a_start_survives_a_restart_and_is_owner_only()
    {
        await WriteMarkedTapeAsync(afterMark: 0);
        await using (var second = ApiHost.StartIn(_directory))
        {
            await HealthAsync(second);
        }

        await using var third = ApiHost.StartIn(_directory);
        var start = (await HealthAsync(third)).GetProperty("startVerification");

        Assert.Equal("tail", start.GetProperty("scope").GetString());
        Assert.Equal(0, start.GetProperty("eventsChecked").GetInt64());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "data", "journal.verified.json")));
    }

    [Fact]
    public async Task Row_changed_before_the_mark_is_found_by_the_background_full_verification_and_degrades_health()
    {
        await WriteMarkedTapeAsync(afterMark: 1);
        Tamper(1);

        await using var second = ApiHost.StartIn(_directory);
        var before = await HealthAsync(second);
        var full = await second.Services.GetRequiredService<FullVerificationJob>().RunOnceAsync(default);
        var after = await HealthAsync(second);

        Assert.Equal("tail", before.GetProperty("startVerification").GetProperty("scope").GetString());
        Assert.Equal("healthy", before.GetProperty("status").GetString());
        Assert.False(full.Intact);
        Assert.Equal("degraded", after.GetProperty("status").GetString());
        Assert.Equal(1, after.GetProperty("verification").GetProperty("report").GetProperty("firstMismatch").GetProperty("seq").GetInt64());
        Assert.False(after.GetProperty("lastFullVerification").GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Row_changed_after_the_mark_stops_the_start_naming_the_mark()
    {
        var (mark, _) = await WriteMarkedTapeAsync(afterMark: 1);
        Tamper(mark + 1);

        var error = Assert.Throws<StorageException>(() => JournalHost.Build([$"--Journal:DataDirectory={Path.Combine(_directory, "data")}", "--urls=http://127.0.0.1:0"]));

        Assert.Contains($"verified from the mark at seq {mark}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"broken at seq {mark + 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_on_a_tape_of_another_journal_checks_the_whole_tape_and_says_why()
    {
        await WriteMarkedTapeAsync(afterMark: 0);
        var other = Path.Combine(_directory, "other");
        await using (var host = ApiHost.StartIn(other))
        {
            await host.CreateSessionAsync();
        }

        SqliteConnection.ClearAllPools();
        ReplaceTape(Path.Combine(other, "data", "journal.db"), Tape);

        await using var second = ApiHost.StartIn(_directory);
        var start = (await HealthAsync(second)).GetProperty("startVerification");

        Assert.Equal("full", start.GetProperty("scope").GetString());
        Assert.Contains("the tape was replaced", start.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, start.GetProperty("from").GetInt64());
    }

    [Fact]
    public async Task Start_on_the_same_journal_with_another_hash_at_the_mark_checks_the_whole_tape()
    {
        await using (var first = ApiHost.StartIn(_directory))
        {
            await first.CreateSessionAsync();
        }

        // A copy of the same journal that goes another way after seq 2.
        var fork = Path.Combine(_directory, "fork");
        Directory.CreateDirectory(Path.Combine(fork, "data"));
        SqliteConnection.ClearAllPools();
        ReplaceTape(Tape, Path.Combine(fork, "data", "journal.db"));
        await using (var host = ApiHost.StartIn(fork))
        {
            await host.CreateSessionAsync();
        }

        await using (var again = ApiHost.StartIn(_directory))
        {
            await again.CreateSessionAsync();
            await VerifyAsync(again);
        }

        // Written into the same file, so only the hash at the mark tells: the fork's rows after the common first event
        // take the place of this tape's, through SQLite (a copy of the fork's file over this one, in one process, can
        // read as the old file to a connection that shares its WAL index).
        Rewrite(Tape, Path.Combine(fork, "data", "journal.db"), after: 1);

        await using var second = ApiHost.StartIn(_directory);
        var start = (await HealthAsync(second)).GetProperty("startVerification");

        Assert.True(start.GetProperty("scope").GetString() == "full", start.GetRawText());
        Assert.Contains("another hash", start.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Puts the tape file at <paramref name="from"/> (with its write-ahead log, if a closing connection left one) in
    /// place of <paramref name="to"/> and of its log: the file a start finds is the other one, whatever the hosts'
    /// background work was still holding when they were disposed.
    /// </summary>
    private static void ReplaceTape(string from, string to)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(to + suffix);
        }

        File.Copy(from, to, overwrite: true);
        if (File.Exists(from + "-wal"))
        {
            File.Copy(from + "-wal", to + "-wal");
        }
    }

    /// <summary>A session, a full verification (the mark), then <paramref name="afterMark"/> more sessions; answers the mark's seq and the head.</summary>
    private async Task<(long Mark, long Head)> WriteMarkedTapeAsync(int afterMark)
    {
        await using var first = ApiHost.StartIn(_directory);
        await first.CreateSessionAsync();
        var mark = await VerifyAsync(first);
        for (var i = 0; i < afterMark; i++)
        {
            await first.CreateSessionAsync();
        }

        return (mark, await first.HeadAsync());
    }

    private static async Task<long> VerifyAsync(ApiHost host)
    {
        using var admin = host.Admin();
        var report = await admin.GetFromJsonAsync<JsonElement>("/v1/admin/verify");
        Assert.Equal("Intact", report.GetProperty("status").GetString());
        return report.GetProperty("headSeq").GetInt64();
    }

    private static async Task<JsonElement> HealthAsync(ApiHost host)
    {
        using var reader = host.Reader();
        return await reader.GetFromJsonAsync<JsonElement>("/v1/journal/health");
    }

    /// <summary>Replaces the rows of <paramref name="tape"/> after <paramref name="after"/> with those of <paramref name="source"/>.</summary>
    private static void Rewrite(string tape, string source, long after)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={tape};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            ATTACH DATABASE $source AS fork;
            DROP TRIGGER journal_events_no_delete;
            DROP TRIGGER journal_events_only_erasure;
            DELETE FROM journal_events WHERE seq > $after;
            INSERT INTO journal_events SELECT * FROM fork.journal_events WHERE seq > $after;
            """;
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$after", after);
        command.ExecuteNonQuery();
    }

    private void Tamper(long seq)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={Tape};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER journal_events_only_erasure; DROP TRIGGER journal_events_storage_classes; UPDATE journal_events SET payload = X'A1BB' WHERE seq = $seq;";
        command.Parameters.AddWithValue("$seq", seq);
        command.ExecuteNonQuery();
    }
}
