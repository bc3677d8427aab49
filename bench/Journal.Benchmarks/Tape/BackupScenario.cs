using Journal.EventStore;
using Microsoft.Data.Sqlite;

namespace Journal.Benchmarks.Tape;

/// <summary>
/// backup-1m: <see cref="SqliteEventStore.BackupAsync"/> (the SQLite online backup API, a consistent
/// copy made while the store is open, switched to one file, flushed and renamed) of the cached
/// 1,000,000-event tape, against a raw <see cref="File.Copy(string, string)"/> of the same file followed
/// by a flush to disk (what an operator would do with the service stopped). Rates are events copied
/// per second.
/// </summary>
internal static class BackupScenario
{
    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var events = options.Quick ? 100_000 : 1_000_000;
        var path = await Verify1mScenario.EnsureTapeAsync(events).ConfigureAwait(false);
        var ours = new BenchSide(
            () => Task.FromResult<object?>((TempTape.OpenStore(path), new TempTape())),
            async state =>
            {
                var (store, target) = ((SqliteEventStore, TempTape))state!;
                var result = await store.BackupAsync(target.DatabasePath, CancellationToken.None).ConfigureAwait(false);
                if (result.HeadSeq != events)
                {
                    throw new InvalidOperationException($"the backup ends at {result.HeadSeq}, expected {events}");
                }

                return events;
            },
            async state =>
            {
                var (store, target) = ((SqliteEventStore, TempTape))state!;
                await store.DisposeAsync().ConfigureAwait(false);
                SqliteConnection.ClearAllPools();
                target.Dispose();
            });
        var raw = new BenchSide(
            () => Task.FromResult<object?>(new TempTape()),
            state =>
            {
                var target = (TempTape)state!;
                File.Copy(path, target.DatabasePath);
                using (var file = new FileStream(target.DatabasePath, FileMode.Open, FileAccess.ReadWrite))
                {
                    file.Flush(flushToDisk: true);
                }

                return Task.FromResult((long)events);
            },
            state =>
            {
                ((TempTape)state!).Dispose();
                return Task.CompletedTask;
            });
        return await BenchRunner.RunAsync(options.Quick ? "backup-100k" : "backup-1m", 0.5, options.Warmups, options.Rounds, ours, raw).ConfigureAwait(false);
    }
}
