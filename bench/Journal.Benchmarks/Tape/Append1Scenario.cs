using Journal.Domain.Tape;

namespace Journal.Benchmarks.Tape;

/// <summary>
/// append-1: one caller, one event per append, each append awaited before the next; against raw
/// SQLite writing one row per transaction.
/// </summary>
internal static class Append1Scenario
{
    public static Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var events = options.Quick ? 1_000 : 3_000;
        var ours = new BenchSide(
            () => Task.FromResult<object?>(OursRound.Open()),
            async state =>
            {
                var store = ((OursRound)state!).Store;
                var stream = StreamId.Parse("note-1");
                for (var i = 0; i < events; i++)
                {
                    await store.AppendAsync(stream, ExpectedVersion.Any, [BenchEvents.Event(i)], BenchEvents.Metadata, CancellationToken.None).ConfigureAwait(false);
                }

                return events;
            },
            async state => await ((OursRound)state!).DisposeAsync().ConfigureAwait(false));
        var raw = new BenchSide(
            () => Task.FromResult<object?>(RawRound.Open()),
            state =>
            {
                var tape = ((RawRound)state!).Raw;
                long version = 0;
                for (var i = 0; i < events; i++)
                {
                    tape.InsertTransaction("note-1", ref version, 1);
                }

                return Task.FromResult<long>(events);
            },
            state =>
            {
                ((RawRound)state!).Dispose();
                return Task.CompletedTask;
            });
        return BenchRunner.RunAsync("append-1", 0.75, options.Warmups, options.Rounds, ours, raw);
    }
}
