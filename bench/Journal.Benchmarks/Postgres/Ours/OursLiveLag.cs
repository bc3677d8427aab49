using System.Diagnostics;
using Journal.Benchmarks.Projections;
using Journal.Benchmarks.Tape;
using Journal.Domain.Tape;
using Journal.EventStore.Postgres;
using Journal.Testing.Postgres;

namespace Journal.Benchmarks.Postgres.Ours;

/// <summary>
/// live-lag across instances: two <c>PostgresEventStore</c> objects, A and B, on one database. One dedicated thread
/// appends single events on A at a steady rate on a Stopwatch schedule (as the projections verb's live-lag does); B's
/// <see cref="IEventStore.Committed"/> feed is observed, and for each append the time from its return on A to B
/// publishing a position at or past it is measured. B may publish before A's caller resumes; that counts as 0. The
/// baseline is the same appends' own time to commit on A.
/// </summary>
internal static class OursLiveLag
{
    /// <summary>
    /// One append every 10 ms: a single append to PostgreSQL took 5 to 7 ms at the median on the loaded 2-core VM, and one
    /// synchronous appender fell seconds behind a 500/s schedule; this one it keeps.
    /// </summary>
    private const int Rate = 100;
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(30);

    public static async Task<PgLagFigures> RunAsync(PostgresServer server, BenchOptions options)
    {
        var seconds = options.Quick ? 10 : 30;
        var database = await PgDatabase.CreateAsync(server, "lag").ConfigureAwait(false);
        await using (database.ConfigureAwait(false))
        {
            var a = OursStores.Open(database, BenchEvents.Registry);
            await using (a.ConfigureAwait(false))
            {
                var b = OursStores.Open(database, BenchEvents.Registry);
                await using (b.ConfigureAwait(false))
                {
                    var seen = new Observations();
                    using var subscription = b.Committed.Subscribe(seen);
                    await b.AppendAsync(StreamId.Parse("warm-up-b"), ExpectedVersion.Any, [BenchEvents.Event(0)], BenchEvents.Metadata, CancellationToken.None).ConfigureAwait(false);
                    Console.Error.WriteLine("  live-lag warm-up (2 s)...");
                    await PaceAsync(a, seen, Rate * 2).ConfigureAwait(false);
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    Console.Error.WriteLine($"  live-lag measuring ({seconds} s at {Rate}/s)...");
                    return await PaceAsync(a, seen, Rate * seconds).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task<PgLagFigures> PaceAsync(PostgresEventStore a, Observations seen, int count)
    {
        var commit = new double[count];
        var returned = new long[count];
        var positions = new long[count];
        var maxBehind = 0.0;
        var elapsed = 0.0;
        var ticksPerAppend = (double)Stopwatch.Frequency / Rate;
        var from = seen.Count;
        Exception? failure = null;
        var appender = new Thread(() =>
        {
            try
            {
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < count; i++)
                {
                    var due = start + (long)(i * ticksPerAppend);
                    var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (remaining > TimeSpan.Zero)
                    {
                        // Whole milliseconds: at most 1 ms late, and the absolute schedule keeps the rate.
                        Thread.Sleep((int)Math.Ceiling(remaining.TotalMilliseconds));
                    }

                    maxBehind = Math.Max(maxBehind, Stopwatch.GetElapsedTime(due).TotalMilliseconds);
                    var before = Stopwatch.GetTimestamp();
                    var result = a.AppendAsync(StreamId.Parse($"note-{i % 64}"), ExpectedVersion.Any, [BenchEvents.Event(i)], BenchEvents.Metadata, CancellationToken.None)
                        .GetAwaiter().GetResult();
                    returned[i] = Stopwatch.GetTimestamp();
                    positions[i] = result.Position;
                    commit[i] = Stopwatch.GetElapsedTime(before, returned[i]).TotalMilliseconds;
                }

                elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        })
        {
            IsBackground = true,
            Name = "live-lag appender",
        };
        appender.Start();
        await Task.Run(appender.Join).ConfigureAwait(false);
        if (failure is not null)
        {
            throw new InvalidOperationException("the appender failed", failure);
        }

        using (var limit = new CancellationTokenSource(CatchUpLimit))
        {
            await seen.WaitForAsync(positions[^1], limit.Token).ConfigureAwait(false);
        }

        var observed = seen.Since(from);
        var visible = new double[count];
        var first = 0;
        var o = 0;
        for (var i = 0; i < count; i++)
        {
            while (observed[o].Position < positions[i])
            {
                o++;
            }

            var lag = Stopwatch.GetElapsedTime(returned[i], observed[o].At).TotalMilliseconds;
            if (lag < 0)
            {
                first++;
            }

            visible[i] = Math.Max(0, lag);
        }

        return new PgLagFigures(count, Rate, elapsed, maxBehind, Latency.Of(visible), Latency.Of(commit), first);
    }

    /// <summary>What B's feed published, with when, in the order it came; cheap, as it runs on the feed's thread.</summary>
    private sealed class Observations : IObserver<long>
    {
        private readonly Lock _gate = new();
        private readonly List<(long Position, long At)> _seen = [];
        private TaskCompletionSource? _waiter;
        private long _awaited = long.MaxValue;
        private Exception? _error;

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _seen.Count;
                }
            }
        }

        public void OnNext(long value)
        {
            var at = Stopwatch.GetTimestamp();
            TaskCompletionSource? done = null;
            lock (_gate)
            {
                _seen.Add((value, at));
                if (value >= _awaited)
                {
                    done = _waiter;
                    _waiter = null;
                    _awaited = long.MaxValue;
                }
            }

            done?.TrySetResult();
        }

        public void OnError(Exception error)
        {
            TaskCompletionSource? done;
            lock (_gate)
            {
                _error = error;
                done = _waiter;
            }

            done?.TrySetException(error);
        }

        public void OnCompleted()
        {
            OnError(new InvalidOperationException("B's Committed feed completed while the bench was observing it"));
        }

        /// <summary>Completes once B has published <paramref name="position"/> or later.</summary>
        public async Task WaitForAsync(long position, CancellationToken ct)
        {
            Task wait;
            lock (_gate)
            {
                if (_error is not null)
                {
                    throw new InvalidOperationException("B's Committed feed failed", _error);
                }

                if (_seen.Count > 0 && _seen.Max(s => s.Position) >= position)
                {
                    return;
                }

                _awaited = position;
                _waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }

            try
            {
                await wait.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw new TimeoutException($"B did not publish position {position} within {CatchUpLimit.TotalSeconds:0} s of the last append on A");
            }
        }

        /// <summary>The observations from index <paramref name="from"/> on, positions made non-decreasing.</summary>
        public List<(long Position, long At)> Since(int from)
        {
            lock (_gate)
            {
                var list = _seen.Skip(from).ToList();
                for (var i = 1; i < list.Count; i++)
                {
                    // A feed publishes the highest position of each commit; should one arrive out of order, the later
                    // observation still means every earlier position is visible.
                    list[i] = (Math.Max(list[i].Position, list[i - 1].Position), list[i].At);
                }

                return list;
            }
        }
    }
}
