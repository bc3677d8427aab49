using System.Diagnostics;
using Journal.Benchmarks.Projections;
using Microsoft.Data.Sqlite;

namespace Journal.Benchmarks.Capacity;

/// <summary>What the same tape costs without the journal: the floor under a start and under a replay.</summary>
internal static class RawBaselines
{
    /// <summary>
    /// Open the file read-only and read the head row (what a start must at least do), in this process: the best of
    /// three, as the first pays for loading SQLite into the process (the service's start pays that too, but in its own
    /// figure); and the head's seq.
    /// </summary>
    public static (TimeSpan Elapsed, long Head) OpenAndReadHead(string tape)
    {
        var best = OpenAndReadHeadOnce(tape);
        for (var i = 0; i < 2; i++)
        {
            var next = OpenAndReadHeadOnce(tape);
            best = next.Elapsed < best.Elapsed ? next : best;
        }

        return best;
    }

    private static (TimeSpan Elapsed, long Head) OpenAndReadHeadOnce(string tape)
    {
        var started = Stopwatch.StartNew();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = tape, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, hash FROM journal_events ORDER BY seq DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.GetInt64(0) < 1 || reader.GetFieldValue<byte[]>(1).Length == 0)
        {
            throw new InvalidOperationException($"no head row in {tape}");
        }

        return (started.Elapsed, reader.GetInt64(0));
    }

    /// <summary>Every column of every row in seq order, one thread, nothing decoded (the replay's floor); rows per second.</summary>
    public static double ReadRate(string tape, long expected)
    {
        var started = Stopwatch.StartNew();
        var rows = ReplayScenario.RawRead(tape, expected);
        return rows / started.Elapsed.TotalSeconds;
    }
}
