using Journal.Domain.Tape;

namespace Journal.Benchmarks.Tape;

/// <summary>
/// append-16: sixteen concurrent callers, each appending single events to its own stream and awaiting
/// each append (so the writer's group commit can gather them); against raw SQLite on one connection
/// writing one row per transaction, sequentially.
/// </summary>
internal static class Append16Scenario
{
    private const int Callers = 16;

    public static Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var perCaller = options.Quick ? 250 : 1_000;
        var total = Callers * perCaller;
        var ours = new BenchSide(
            () => Task.FromResult<object?>(OursRound.Open()),
            async state =>
            {
                var store = ((OursRound)state!).Store;
                var callers = Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
                {
                    var stream = StreamId.Parse($"note-{c}");
                    for (var i = 0; i < perCaller; i++)
                    {
                        await store.AppendAsync(stream, ExpectedVersion.Any, [BenchEvents.Event(i)], BenchEvents.Metadata, CancellationToken.None).ConfigureAwait(false);
                    }
                }));
                await Task.WhenAll(callers).ConfigureAwait(false);
                if (Environment.GetEnvironmentVariable("JOURNAL_BENCH_GROUPS") is not null)
                {
                    Console.WriteLine($"    groups: {store.GroupCommits}, events per group {(double)total / store.GroupCommits:0.0}");
                }

                return total;
            },
            async state => await ((OursRound)state!).DisposeAsync().ConfigureAwait(false));
        return BenchRunner.RunAsync("append-16", 5, options.Warmups, options.Rounds, ours, RawSingleRows(total));
    }

    /// <summary>
    /// append-16-ceiling, a reference with no floor: raw SQLite itself committing the rows of a full group
    /// (16 rows, one per stream, in one transaction) against the same one-row-per-transaction baseline.
    /// No group commit of this schema can beat this ratio on the machine; it shows how much of it ours reaches.
    /// </summary>
    public static Task<ScenarioResult> CeilingAsync(BenchOptions options)
    {
        var perCaller = options.Quick ? 250 : 1_000;
        var total = Callers * perCaller;
        var streams = Enumerable.Range(0, Callers).Select(c => $"note-{c}").ToArray();
        var batches = new BenchSide(
            () => Task.FromResult<object?>(RawRound.Open()),
            state =>
            {
                var tape = ((RawRound)state!).Raw;
                var versions = new long[Callers];
                for (var i = 0; i < perCaller; i++)
                {
                    tape.InsertTransaction(streams, versions);
                }

                return Task.FromResult<long>(total);
            },
            Dispose);
        return BenchRunner.RunAsync("append-16-ceiling", 0, options.Warmups, options.Rounds, batches, RawSingleRows(total), reference: true);
    }

    /// <summary>The baseline: one row per transaction, the rows rotating over the 16 streams.</summary>
    private static BenchSide RawSingleRows(int total) => new(
        () => Task.FromResult<object?>(RawRound.Open()),
        state =>
        {
            var tape = ((RawRound)state!).Raw;
            var versions = new long[Callers];
            for (var i = 0; i < total; i++)
            {
                tape.InsertTransaction($"note-{i % Callers}", ref versions[i % Callers], 1);
            }

            return Task.FromResult<long>(total);
        },
        Dispose);

    private static Task Dispose(object? state)
    {
        ((RawRound)state!).Dispose();
        return Task.CompletedTask;
    }
}
