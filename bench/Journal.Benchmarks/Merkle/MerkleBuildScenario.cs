using System.Globalization;
using Journal.Benchmarks.Tape;
using Journal.EventStore;
using Journal.EventStore.Merkle;
using Journal.EventStore.Merkle.Tree;
using Microsoft.Data.Sqlite;

namespace Journal.Benchmarks.Merkle;

/// <summary>
/// build: the tree of an existing tape built from nothing (a fresh side file, the builder started at open, timed until
/// the head's root is answered), against a raw single-threaded read of the same tape's (seq, hash) column.
/// Floor: 300,000 leaves/s.
/// </summary>
internal static class MerkleBuildScenario
{
    public const double Floor = 300_000;

    public static async Task<BuildResult> RunAsync(string tape, int events, BenchOptions options)
    {
        var ours = new BenchSide(
            () => Task.FromResult<object?>(TreeRound.Open(tape)),
            async state =>
            {
                var round = (TreeRound)state!;
                var head = await round.Tree.HeadAsync(events, CancellationToken.None).ConfigureAwait(false);
                return head.Size == events && round.Tree.BuiltSize == StoredLevels.Floor(events) ? events : throw new InvalidOperationException("the tree was not built");
            },
            async state => await ((TreeRound)state!).DisposeAsync().ConfigureAwait(false));
        var raw = new BenchSide(
            () => Task.FromResult<object?>(null),
            _ => Task.FromResult(RawRead(tape, events)),
            _ => Task.CompletedTask);
        var result = await BenchRunner.RunAsync("build", 0, options.Warmups, options.Rounds, ours, raw).ConfigureAwait(false);
        return new BuildResult(events, result);
    }

    /// <summary>The baseline: every row's seq and hash in seq order, one connection, one thread.</summary>
    private static long RawRead(string path, long expected)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, hash FROM journal_events ORDER BY seq";
        using var reader = command.ExecuteReader();
        var hash = new byte[32];
        long rows = 0, sink = 0;
        while (reader.Read())
        {
            sink += reader.GetInt64(0);
            reader.GetBytes(1, 0, hash, 0, 32);
            sink += hash[0];
            rows++;
        }

        return rows == expected && sink != 0 ? rows : throw new InvalidOperationException($"the raw read found {rows} rows, expected {expected}");
    }

    internal sealed record BuildResult(int Events, ScenarioResult Result)
    {
        public bool Pass => Result.Ours.Median >= Floor;

        public string Table() => string.Create(
            CultureInfo.InvariantCulture,
            $"""
            | scenario | ours (leaves/s, median (min–max)) | raw (seq, hash) read (rows/s) | ratio | floor | result |
            |---|---:|---:|---:|---:|---|
            | build-{Events / 1000}k | {Result.Ours.Format()} | {Result.Raw.Format()} | {Result.Ratio:0.00} | >= {Floor:N0} leaves/s | {(Pass ? "pass" : "FAIL")} |

            """);
    }
}

/// <summary>A store opened on the cached tape and its tree in a fresh side file of its own (the cache is not written beside).</summary>
internal sealed class TreeRound(TempTape side, SqliteEventStore store, TapeTree tree) : IAsyncDisposable
{
    public SqliteEventStore Store { get; } = store;

    public TapeTree Tree { get; } = tree;

    public static TreeRound Open(string tape)
    {
        var side = new TempTape();
        var store = SqliteEventStore.Open(
            new JournalStoreOptions { DatabasePath = tape, MerklePath = Path.Combine(side.Directory, "merkle.db") },
            BenchEvents.Registry,
            TimeProvider.System);
        return new TreeRound(side, store, (TapeTree)TapeTrees.Open(store));
    }

    public async ValueTask DisposeAsync()
    {
        await Tree.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearAllPools();
        side.Dispose();
    }
}
