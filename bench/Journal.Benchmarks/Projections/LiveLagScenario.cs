using System.Diagnostics;
using System.Globalization;
using Journal.Domain.Runs;
using Journal.Domain.Sessions;
using Journal.Domain.Tape;
using Journal.Domain.ToolJobs;
using Journal.Domain.Transcript;
using Journal.EventStore;
using Journal.EventStore.Ports;
using Journal.Projections;
using Journal.Projections.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Journal.Application;

namespace Journal.Benchmarks.Projections;

/// <summary>Latency percentiles of one series, milliseconds.</summary>
internal sealed record Latency(double P50, double P90, double P99, double Max)
{
    public static Latency Of(double[] samples)
    {
        var sorted = samples.Order().ToArray();
        return new Latency(Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>What the live-lag scenario measured.</summary>
internal sealed record LiveLagResult(int Appends, double Seconds, double AchievedRate, double MaxBehindMs, Latency Visible, Latency Commit, double FloorP99Ms)
{
    public bool Pass => Visible.P99 < FloorP99Ms;
}

/// <summary>
/// live-lag: the projection daemon runs live (started as a hosted service is), and single-event appends
/// arrive at a steady 1,000/s on a Stopwatch schedule. For each append, the time from its return (the
/// commit) to every read model having applied it is measured with <see cref="ProjectionDaemon.WaitForAsync"/>,
/// started the moment the append returns. Appends come from one dedicated thread that sleeps to each
/// due time. The baseline is the same appends' own time to commit.
/// </summary>
internal static class LiveLagScenario
{
    public const double FloorP99Ms = 5.0;
    private const int Rate = 1_000;
    private const int Sessions = 64;

    public static async Task<LiveLagResult> RunAsync(ProjectionBenchOptions options)
    {
        var seconds = options.Quick ? 5 : 15;
        var directory = Path.Combine(Path.GetTempPath(), "journal-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var services = new ServiceCollection();
            services.AddJournal(new JournalStoreOptions { DatabasePath = Path.Combine(directory, "journal.db") });
            await using var provider = services.BuildServiceProvider();
            var store = provider.GetRequiredService<IEventStore>();
            var daemon = provider.GetRequiredService<ProjectionDaemon>();
            var feed = new Feed(provider.GetRequiredService<ITapeFeed>().Serializer.Registry);
            await feed.SeedAsync(store).ConfigureAwait(false);
            await daemon.StartAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await daemon.CatchUpAsync(CancellationToken.None).ConfigureAwait(false);
                Console.Error.WriteLine("  live-lag warm-up (2 s)...");
                await PaceAsync(store, daemon, feed, Rate * 2).ConfigureAwait(false);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                Console.Error.WriteLine($"  live-lag measuring ({seconds} s at {Rate}/s)...");
                return await PaceAsync(store, daemon, feed, Rate * seconds).ConfigureAwait(false);
            }
            finally
            {
                await daemon.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }

    /// <summary>
    /// Appends <paramref name="count"/> events, append i due at start + i ms, and measures each. The
    /// appender is a dedicated thread that sleeps until each due time (nanosleep, not a spin, so it leaves
    /// the cores to the daemon) and appends synchronously; the observers run on the thread pool.
    /// </summary>
    private static async Task<LiveLagResult> PaceAsync(IEventStore store, ProjectionDaemon daemon, Feed feed, int count)
    {
        var commit = new double[count];
        var visible = new double[count];
        var observers = new Task[count];
        var maxBehind = 0.0;
        var elapsed = 0.0;
        var ticksPerAppend = (double)Stopwatch.Frequency / Rate;
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
                    var (stream, data) = feed.Next();
                    var before = Stopwatch.GetTimestamp();
                    var result = store.AppendAsync(stream, ExpectedVersion.Any, [data], feed.Metadata, CancellationToken.None).GetAwaiter().GetResult();
                    var committed = Stopwatch.GetTimestamp();
                    commit[i] = Stopwatch.GetElapsedTime(before, committed).TotalMilliseconds;
                    observers[i] = ObserveAsync(daemon, result.Position, committed, visible, i);
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

        await Task.WhenAll(observers).ConfigureAwait(false);
        return new LiveLagResult(count, elapsed, count / elapsed, maxBehind, Latency.Of(visible), Latency.Of(commit), FloorP99Ms);
    }

    private static async Task ObserveAsync(ProjectionDaemon daemon, long position, long committed, double[] visible, int i)
    {
        await daemon.WaitForAsync(position, null, CancellationToken.None).ConfigureAwait(false);
        visible[i] = Stopwatch.GetElapsedTime(committed).TotalMilliseconds;
    }

    public static string Table(LiveLagResult r) => string.Join(
        Environment.NewLine,
        string.Create(CultureInfo.InvariantCulture, $"{r.Appends:N0} single-event appends in {r.Seconds:0.0} s ({r.AchievedRate:N0}/s achieved; the schedule ran at most {r.MaxBehindMs:0.0} ms late). Milliseconds:"),
        string.Empty,
        "| series | p50 | p90 | p99 | max | floor | result |",
        "|---|---:|---:|---:|---:|---:|---|",
        string.Create(CultureInfo.InvariantCulture, $"| ours: commit -> every read model shows it | {r.Visible.P50:0.000} | {r.Visible.P90:0.000} | {r.Visible.P99:0.000} | {r.Visible.Max:0.000} | p99 < {r.FloorP99Ms:0} | {(r.Pass ? "pass" : "FAIL")} |"),
        string.Create(CultureInfo.InvariantCulture, $"| baseline: the append's own time to commit | {r.Commit.P50:0.000} | {r.Commit.P90:0.000} | {r.Commit.P99:0.000} | {r.Commit.Max:0.000} | | |"));

    /// <summary>The appended events: a rotation of transcript entries, run token counts and tool job output over live sessions.</summary>
    private sealed class Feed(Journal.EventStore.Serialization.EventTypeRegistry registry)
    {
        private readonly Guid[] _sessions = [.. Enumerable.Range(0, Sessions).Select(_ => Guid.CreateVersion7())];
        private readonly Guid[] _runs = [.. Enumerable.Range(0, Sessions).Select(_ => Guid.CreateVersion7())];
        private readonly Guid[] _jobs = [.. Enumerable.Range(0, Sessions).Select(_ => Guid.CreateVersion7())];
        private readonly long[] _sequences = new long[Sessions];
        private readonly long[] _chunks = new long[Sessions];
        private long _n;

        public EventMetadata Metadata { get; } = new(Actor: "agent:bench", Principal: "user:bench", CorrelationId: "corr-live");

        public async Task SeedAsync(IEventStore store)
        {
            var at = DateTimeOffset.UtcNow;
            var steps = new Func<int, (StreamId, object)>[]
            {
                i => (SessionDecider.StreamFor(_sessions[i]), new SessionCreated(_sessions[i], "user:bench", "host-1", "cli", null, null, at)),
                i => (RunDecider.StreamFor(_runs[i]), new RunAccepted(_runs[i], _sessions[i], RunKind.Foreground, null, at)),
                i => (RunDecider.StreamFor(_runs[i]), new RunStarted(_runs[i], _sessions[i], at)),
                i => (ToolJobDecider.StreamFor(_jobs[i]), new ToolJobQueued(_jobs[i], _sessions[i], _runs[i], "shell", null, at)),
                i => (ToolJobDecider.StreamFor(_jobs[i]), new ToolJobStarted(_jobs[i], 1, at)),
            };
            foreach (var step in steps)
            {
                var appends = Enumerable.Range(0, Sessions).Select(i =>
                {
                    var (stream, payload) = step(i);
                    return new StreamAppend(stream, ExpectedVersion.Any, [Data(payload)]);
                }).ToList();
                await store.AppendAsync(appends, Metadata, CancellationToken.None).ConfigureAwait(false);
            }
        }

        public (StreamId Stream, EventData Data) Next()
        {
            var n = _n++;
            var i = (int)(n % Sessions);
            var at = DateTimeOffset.UtcNow;
            switch (n / Sessions % 3)
            {
                case 0:
                    var sequence = ++_sequences[i];
                    return (TranscriptDecider.StreamFor(_sessions[i]), Data(new TranscriptEntryAppended(
                        _sessions[i], Guid.CreateVersion7(), sequence, TranscriptEntryKind.AssistantMessage, MixedTape.Text(n), _runs[i], null, at)));
                case 1:
                    return (RunDecider.StreamFor(_runs[i]), Data(new RunTokensRecorded(_runs[i], _sessions[i], 900, 240, at)));
                default:
                    var text = MixedTape.Text(n, 40);
                    return (ToolJobDecider.StreamFor(_jobs[i]), Data(new ToolJobOutputAppended(
                        _jobs[i], _chunks[i]++, ToolOutputStream.Stdout, text, System.Text.Encoding.UTF8.GetByteCount(text), MixedTape.Sha256(text), 65_536, at)));
            }
        }

        private EventData Data(object payload) =>
            registry.TryGetName(payload.GetType(), out var type)
                ? new EventData(Guid.CreateVersion7(), type, payload)
                : throw new InvalidOperationException($"{payload.GetType().Name} is not a registered event");
    }
}
