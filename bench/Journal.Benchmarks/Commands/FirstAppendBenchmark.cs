using System.Diagnostics;
using System.Globalization;
using System.Text;
using Journal.Application.Aggregates;
using Journal.Application.Aggregates.Snapshots;
using Journal.Benchmarks.Shared;
using Journal.Domain.Sessions;
using Journal.Domain.Tape;
using Journal.Domain.Transcript;
using Journal.Domain.Transcript.UseCases;
using Journal.EventStore;
using Journal.EventStore.Serialization;
using Microsoft.Data.Sqlite;

namespace Journal.Benchmarks.Commands;

/// <summary>
/// Issue 21: the first append to a long transcript after a start. Several sessions of 25,000 entries are
/// written to one tape; then, for each session, a new <see cref="AggregateStore"/> (a process that just
/// started: nothing remembered) appends entry 25,000 through the transcript decider. Without snapshots it
/// folds the whole stream; with them (every 100 events, the default) it reads the newest snapshot and folds at most 99
/// events: the snapshot is taken at 24,900 and 99 more entries are written after it, the worst case. A
/// raw SQLite single-row INSERT+COMMIT runs beside each append as the floor.
/// </summary>
public static class FirstAppendBenchmark
{
    private const int Every = AggregateSnapshotOptions.DefaultEvery;
    private const int Batch = 500;

    /// <summary>Runs the benchmark and returns a markdown report.</summary>
    /// <param name="quick">Three sessions of 2,500 entries instead of eight of 25,000 (a smoke run).</param>
    public static async Task<string> RunAsync(bool quick)
    {
        var (sessions, entries) = quick ? (3, 2_500) : (8, 25_000);
        var directory = Path.Combine(Path.GetTempPath(), "journal-bench-first-append", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var registry = new EventTypeRegistry([typeof(SessionCreated).Assembly]);
            var tape = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = Path.Combine(directory, "journal.db") }, registry, TimeProvider.System);
            var snapshotOptions = new AggregateSnapshotOptions { DatabasePath = Path.Combine(directory, "snapshots.db"), Every = Every };
            var ids = Enumerable.Range(0, sessions + 1).Select(_ => Guid.NewGuid()).ToList();
            var snapshotAt = (entries - 1) / Every * Every;
            foreach (var id in ids)
            {
                await Write(tape, id, 1, snapshotAt).ConfigureAwait(false);
                using (var snapshots = new AggregateSnapshots(snapshotOptions))
                {
                    // What the store does when a stream passes a multiple of the interval.
                    await new AggregateStore(tape, TimeProvider.System, snapshots: snapshots).LoadAsync(TranscriptDecider.StreamFor(id), TranscriptDecider.Value.Initial, TranscriptDecider.Value.Evolve, default).ConfigureAwait(false);
                }

                await Write(tape, id, snapshotAt + 1, entries - 1).ConfigureAwait(false);
            }

            var (without, with, raw) = (new List<double>(), new List<double>(), new List<double>());
            using (var baseline = RawRowLog.Open(Path.Combine(directory, "raw.db"), "first-append", ["entries"]))
            {
                // ids[0] warms the JIT, the pools and the page cache for both paths; it is not counted.
                for (var i = 0; i < ids.Count; i++)
                {
                    double snapped;
                    using (var snapshots = new AggregateSnapshots(snapshotOptions))
                    {
                        snapped = await FirstAppend(tape, ids[i], entries, snapshots).ConfigureAwait(false);
                    }

                    var plain = await FirstAppend(tape, ids[i], entries + 1, null).ConfigureAwait(false);
                    var started = Stopwatch.GetTimestamp();
                    baseline.Insert("entries", Text(i));
                    var floor = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (i > 0)
                    {
                        (without, with, raw) = ([.. without, plain], [.. with, snapped], [.. raw, floor]);
                    }
                }
            }

            await tape.DisposeAsync().ConfigureAwait(false);
            return Report(sessions, entries, snapshotAt, without, with, raw);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Appends entry <paramref name="sequence"/> through a store that has just started; returns the milliseconds it took.</summary>
    private static async Task<double> FirstAppend(SqliteEventStore tape, Guid session, long sequence, AggregateSnapshots? snapshots)
    {
        var store = new AggregateStore(tape, TimeProvider.System, snapshots: snapshots);
        var command = new AppendTranscriptEntry(session, Guid.NewGuid(), TranscriptEntryKind.UserMessage, Text(sequence), null, null, DateTimeOffset.UtcNow);
        var started = Stopwatch.GetTimestamp();
        var result = await store.ExecuteAsync(new AppendTranscriptEntryRequest(session, command.EntryId, command.Kind, command.Text), TranscriptDecider.Value, command, default).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result.StreamVersion != sequence)
        {
            throw new InvalidOperationException($"appended as version {result.StreamVersion}, expected {sequence}");
        }

        return elapsed;
    }

    /// <summary>Writes entries <paramref name="from"/>..<paramref name="to"/> as the decider would, many per commit (building, not measured).</summary>
    private static async Task Write(SqliteEventStore tape, Guid session, long from, long to)
    {
        var stream = TranscriptDecider.StreamFor(session);
        for (var first = from; first <= to; first += Batch)
        {
            var events = new List<EventData>();
            for (var sequence = first; sequence <= Math.Min(to, first + Batch - 1); sequence++)
            {
                var kind = sequence % 2 == 0 ? TranscriptEntryKind.AssistantMessage : TranscriptEntryKind.UserMessage;
                events.Add(new EventData(Guid.CreateVersion7(), "transcript.entry_appended.v1", new TranscriptEntryAppended(session, Guid.NewGuid(), sequence, kind, Text(sequence), null, null, DateTimeOffset.UtcNow)));
            }

            await tape.AppendAsync(stream, ExpectedVersion.Exact(first - 1), events, EventMetadata.Empty, default).ConfigureAwait(false);
        }
    }

    /// <summary>A plausible chat line of about 200 characters, different for every entry.</summary>
    private static string Text(long i) =>
        string.Create(CultureInfo.InvariantCulture, $"Entry {i}: the agent read the build log, found the failing test and proposed a one-line fix to the parser; the user asked for the diff and a short note on why the earlier change broke it.");

    private static string Report(int sessions, int entries, int snapshotAt, List<double> without, List<double> with, List<double> raw)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"First append to a {entries:N0}-entry transcript after a start ({sessions} sessions, a new AggregateStore each; ms; snapshot at {snapshotAt:N0}, so {entries - 1 - snapshotAt} events folded after it)");
        report.AppendLine();
        report.AppendLine("| path | p50 | p99 | max |");
        report.AppendLine("|---|---:|---:|---:|");
        foreach (var (name, samples) in new[] { ("no snapshot (full fold)", without), ($"snapshot every {Every}", with), ("raw SQLite INSERT+COMMIT", raw) })
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Percentile(samples, 0.5):0.000} | {Percentile(samples, 0.99):0.000} | {samples.Max():0.000} |");
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Requirement: p99 with snapshots under 5 ms: {(Percentile(with, 0.99) < 5 ? "met" : "NOT met")}.");
        return report.ToString();
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(List<double> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
