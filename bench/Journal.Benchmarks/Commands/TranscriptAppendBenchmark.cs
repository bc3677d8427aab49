using System.Diagnostics;
using System.Globalization;
using System.Text;
using Journal.Domain.Sessions.UseCases;
using Journal.Domain.Transcript;
using Journal.Domain.Transcript.UseCases;
using Journal.EventStore;
using Journal.Projections;
using MediatR;
using Journal.Benchmarks.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Journal.Application;

namespace Journal.Benchmarks.Commands;

/// <summary>
/// Does appending to a long transcript cost what appending to a short one does? Appends entries to one
/// session's transcript through MediatR (validation, session check, decide, redact, encode, hash,
/// group commit) and compares the latency of entries 1-100 with that of the last 100. A raw SQLite
/// single-row INSERT+COMMIT (WAL, synchronous=FULL) runs interleaved with it, entry for entry, so both
/// see the same disk; it shows what the fsync alone costs.
/// </summary>
public static class TranscriptAppendBenchmark
{
    private const int Window = 100;
    private const int WarmUp = 200;
    private const double MaxRatio = 2.0;

    /// <summary>Runs the benchmark and returns a markdown report (also the verdict against the 2.0 ratio).</summary>
    /// <param name="quick">Append 1,000 entries instead of 10,000 (a smoke run; the windows stay 100 wide).</param>
    public static async Task<string> RunAsync(bool quick)
    {
        var entries = quick ? 1_000 : 10_000;
        var directory = Path.Combine(Path.GetTempPath(), "journal-bench-commands", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var services = new ServiceCollection();
            services.AddJournal(new JournalStoreOptions { DatabasePath = Path.Combine(directory, "journal.db") });
            var journal = new double[entries];
            var raw = new double[entries];
            await using (var provider = services.BuildServiceProvider())
            using (var baseline = RawRowLog.Open(Path.Combine(directory, "raw.db"), "transcript-bench", ["warmup", "entries"]))
            {
                var mediator = provider.GetRequiredService<IMediator>();

                // JIT, connection pools and the page cache warm up on another session and table, so
                // entry 1 of the measured transcript is not charged for the process starting.
                var warm = Guid.NewGuid();
                await mediator.Send(new CreateSessionRequest(warm, "bench", "bench-host", "bench"));
                for (var i = 0; i < WarmUp; i++)
                {
                    await mediator.Send(new AppendTranscriptEntryRequest(warm, null, TranscriptEntryKind.UserMessage, Text(i)));
                    baseline.Insert("warmup", Text(i));
                }

                var session = Guid.NewGuid();
                await mediator.Send(new CreateSessionRequest(session, "bench", "bench-host", "bench"));
                for (var i = 0; i < entries; i++)
                {
                    var kind = i % 2 == 0 ? TranscriptEntryKind.UserMessage : TranscriptEntryKind.AssistantMessage;
                    var started = Stopwatch.GetTimestamp();
                    await mediator.Send(new AppendTranscriptEntryRequest(session, null, kind, Text(i)));
                    journal[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

                    started = Stopwatch.GetTimestamp();
                    baseline.Insert("entries", Text(i));
                    raw[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }

            return Report(entries, journal, raw);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A plausible chat line of about 200 characters, different for every entry.</summary>
    private static string Text(int i) =>
        string.Create(CultureInfo.InvariantCulture, $"Entry {i}: the agent read the build log, found the failing test and proposed a one-line fix to the parser; the user asked for the diff and a short note on why the earlier change broke it.");

    private static string Report(int entries, double[] journal, double[] raw)
    {
        var lastStart = entries - Window;
        var rows = new[] { ("MediatR AppendTranscriptEntry", journal), ("raw SQLite INSERT+COMMIT", raw) };
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Transcript append latency, {entries:N0} entries to one transcript (ms; windows of {Window}: entries 1-{Window} vs {lastStart + 1:N0}-{entries:N0})");
        report.AppendLine();
        report.AppendLine("| path | first median | first p90 | last median | last p90 | ratio median last/first | ratio p90 last/first |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        var verdict = true;
        foreach (var (name, samples) in rows)
        {
            var first = samples.AsSpan(0, Window).ToArray();
            var last = samples.AsSpan(lastStart, Window).ToArray();
            var (firstMedian, firstP90) = (Percentile(first, 0.5), Percentile(first, 0.9));
            var (lastMedian, lastP90) = (Percentile(last, 0.5), Percentile(last, 0.9));
            var ratio = lastMedian / firstMedian;
            if (ReferenceEquals(samples, journal))
            {
                verdict = ratio <= MaxRatio;
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {firstMedian:0.000} | {firstP90:0.000} | {lastMedian:0.000} | {lastP90:0.000} | {ratio:0.00} | {lastP90 / firstP90:0.00} |");
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Requirement: journal median ratio last/first <= {MaxRatio:0.0}: {(verdict ? "met" : "NOT met")}.");
        return report.ToString();
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(double[] samples, double p)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
