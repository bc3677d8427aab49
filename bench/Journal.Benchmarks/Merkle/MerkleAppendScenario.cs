using Journal.Benchmarks.Tape;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Merkle;
using Journal.EventStore.Merkle.Tree;
using Journal.EventStore.Ports;

namespace Journal.Benchmarks.Merkle;

/// <summary>
/// append-16 with the tree: sixteen concurrent callers appending single events, as the tape bench's append-16, on a
/// store whose tree is on (its builder following the commits, and the timed part ends only when the tree has caught
/// up with the last commit) against the same on a store whose tree is off, alternated round by round. Floor 0.9.
/// </summary>
internal static class MerkleAppendScenario
{
    private const int Callers = 16;

    public static Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var perCaller = options.Quick ? 250 : 1_000;
        var total = Callers * perCaller;
        return BenchRunner.RunAsync("append-16 tree on/off", 0.9, options.Warmups, options.Rounds, Side(true, perCaller, total), Side(false, perCaller, total));
    }

    private static BenchSide Side(bool tree, int perCaller, int total) => new(
        () => Task.FromResult<object?>(AppendRound.Open(tree)),
        async state =>
        {
            var round = (AppendRound)state!;
            var callers = Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
            {
                var stream = StreamId.Parse($"note-{c}");
                for (var i = 0; i < perCaller; i++)
                {
                    await round.Store.AppendAsync(stream, ExpectedVersion.Any, [BenchEvents.Event(i)], BenchEvents.Metadata, CancellationToken.None).ConfigureAwait(false);
                }
            }));
            await Task.WhenAll(callers).ConfigureAwait(false);
            if (tree)
            {
                var head = await round.Tree.HeadAsync(total, CancellationToken.None).ConfigureAwait(false);
                if (head.Size != total || round.Tree.BuiltSize != StoredLevels.Floor(total))
                {
                    throw new InvalidOperationException("the tree did not follow the appends");
                }
            }

            return total;
        },
        async state => await ((AppendRound)state!).DisposeAsync().ConfigureAwait(false));

    private sealed class AppendRound(TempTape temp, SqliteEventStore store, ITapeTree tree) : IAsyncDisposable
    {
        public SqliteEventStore Store { get; } = store;

        public ITapeTree Tree { get; } = tree;

        public static AppendRound Open(bool tree)
        {
            var temp = new TempTape();
            var store = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = temp.DatabasePath, MerkleTree = tree }, BenchEvents.Registry, TimeProvider.System);
            return new AppendRound(temp, store, TapeTrees.Open(store));
        }

        public async ValueTask DisposeAsync()
        {
            if (Tree is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }

            await Store.DisposeAsync().ConfigureAwait(false);
            temp.Dispose();
        }
    }
}
