using System.Diagnostics;
using System.Globalization;
using System.Text;
using Journal.Application;
using Journal.Domain.Errors;
using Journal.Domain.Sessions.UseCases;
using Journal.Domain.Transcript;
using Journal.Domain.Transcript.UseCases;
using Journal.EventStore;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Benchmarks.Commands;

/// <summary>
/// Sixteen writers appending transcript entries with no precondition: all to one session (every command
/// contends for one stream) against each to its own session (no contention), in the same run and the
/// same process. A writer that set no precondition must never be refused for a race: the one-session run
/// counts refusals (the floor is zero) and reports its throughput as a ratio of the sixteen-session one.
/// </summary>
public static class ContendedAppendBenchmark
{
    private const int Writers = 16;

    /// <summary>Runs both shapes twice, alternating, and returns a markdown report.</summary>
    /// <param name="quick">50 appends per writer instead of 250.</param>
    public static async Task<string> RunAsync(bool quick)
    {
        var perWriter = quick ? 50 : 250;
        var rows = new List<(string Shape, Outcome Outcome)>();
        for (var round = 0; round < 2; round++)
        {
            rows.Add(("16 writers, 1 session", await MeasureAsync(sessions: 1, perWriter)));
            rows.Add(("16 writers, 16 sessions", await MeasureAsync(sessions: Writers, perWriter)));
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Contended appends: {Writers} writers x {perWriter} transcript entries, no If-Match, through MediatR (file tape, WAL, synchronous=FULL)");
        report.AppendLine();
        report.AppendLine("| shape | appends/s | refusals | entries written | every append on its stream |");
        report.AppendLine("|---|---:|---:|---:|---|");
        foreach (var (shape, outcome) in rows)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {shape} | {outcome.PerSecond:N0} | {outcome.Refusals} | {outcome.Written:N0} | {(outcome.Gapless ? "yes" : "NO")} |");
        }

        var one = rows.Where(r => r.Shape.EndsWith("1 session", StringComparison.Ordinal)).Select(r => r.Outcome).ToList();
        var many = rows.Where(r => !r.Shape.EndsWith("1 session", StringComparison.Ordinal)).Select(r => r.Outcome).ToList();
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Ratio one session / sixteen sessions (appends/s), per round: {string.Join(", ", one.Zip(many, (a, b) => (a.PerSecond / b.PerSecond).ToString("0.00", CultureInfo.InvariantCulture)))}.");
        report.AppendLine(CultureInfo.InvariantCulture, $"Requirement: 0 refusals on one session: {(one.All(o => o.Refusals == 0 && o.Gapless) ? "met" : "NOT met")}.");
        return report.ToString();
    }

    private static async Task<Outcome> MeasureAsync(int sessions, int perWriter)
    {
        var directory = Path.Combine(Path.GetTempPath(), "journal-bench-contended", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var services = new ServiceCollection();
            services.AddJournal(new JournalStoreOptions { DatabasePath = Path.Combine(directory, "journal.db") });
            await using var provider = services.BuildServiceProvider();
            var mediator = provider.GetRequiredService<IMediator>();
            var ids = Enumerable.Range(0, sessions).Select(_ => Guid.NewGuid()).ToArray();
            foreach (var id in ids)
            {
                await mediator.Send(new CreateSessionRequest(id, "bench", "bench-host", "bench"));
            }

            var refusals = 0;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
            {
                var session = ids[writer % sessions];
                for (var i = 0; i < perWriter; i++)
                {
                    try
                    {
                        await mediator.Send(new AppendTranscriptEntryRequest(session, null, TranscriptEntryKind.UserMessage, $"writer {writer} entry {i}"));
                    }
                    catch (JournalException)
                    {
                        Interlocked.Increment(ref refusals);
                    }
                }
            })));
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var tape = provider.GetRequiredService<Domain.Tape.IEventStore>();
            var written = 0L;
            var gapless = true;
            foreach (var id in ids)
            {
                var version = await tape.ReadStreamVersionAsync(TranscriptDecider.StreamFor(id), CancellationToken.None);
                written += version;
                gapless &= version == Writers / sessions * perWriter;
            }

            return new Outcome(Writers * perWriter / elapsed, refusals, written, gapless);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record Outcome(double PerSecond, int Refusals, long Written, bool Gapless);
}
