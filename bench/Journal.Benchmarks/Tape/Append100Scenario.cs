using Journal.Domain.Tape;

namespace Journal.Benchmarks.Tape;

/// <summary>
/// append-100: one caller, 100 events per append; against raw SQLite writing 100 rows per transaction.
/// </summary>
internal static class Append100Scenario
{
    private const int Batch = 100;

    public static Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var appends = options.Quick ? 50 : 200;
        var ours = new BenchSide(
            () => Task.FromResult<object?>(OursRound.Open()),
            async state =>
            {
                var store = ((OursRound)state!).Store;
                var stream = StreamId.Parse("note-1");
                var n = 0L;
                for (var a = 0; a < appends; a++)
                {
                    var events = new EventData[Batch];
                    for (var i = 0; i < Batch; i++)
                    {
                        events[i] = BenchEvents.Event(n++);
                    }

                    await store.AppendAsync(stream, ExpectedVersion.Any, events, BenchEvents.Metadata, CancellationToken.None).ConfigureAwait(false);
                }

                return appends * Batch;
            },
            async state => await ((OursRound)state!).DisposeAsync().ConfigureAwait(false));
        var raw = new BenchSide(
            () => Task.FromResult<object?>(RawRound.Open()),
            state =>
            {
                var tape = ((RawRound)state!).Raw;
                long version = 0;
                for (var a = 0; a < appends; a++)
                {
                    tape.InsertTransaction("note-1", ref version, Batch);
                }

                return Task.FromResult<long>(appends * Batch);
            },
            state =>
            {
                ((RawRound)state!).Dispose();
                return Task.CompletedTask;
            });
        return BenchRunner.RunAsync("append-100", 0.5, options.Warmups, options.Rounds, ours, raw);
    }
}
