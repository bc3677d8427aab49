using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Journal.Domain.Canvas;
using Journal.Domain.Canvas.UseCases;
using Journal.EventStore;
using Journal.Projections;
using Journal.Projections.Canvas;
using Journal.Projections.Runtime;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Journal.Application;

namespace Journal.Benchmarks.Canvas;

/// <summary>
/// Canvas figures (issue 8). One canvas with a ~20 KB state gets 10,000 versions (9,999 patches of two
/// operations each) through MediatR, one after the other as an editor would send them (each waits for
/// its commit); a raw SQLite INSERT+COMMIT of the same patch bytes per transaction (WAL,
/// synchronous=FULL, as the tape is opened) runs interleaved, patch for patch. Then the canvas.v1
/// read model catches up, and the state at random versions is read through MediatR
/// (<see cref="GetCanvasAtVersionQuery"/>: nearest snapshot plus at most 49 patches), interleaved with a
/// raw SQLite read of one stored ~20 KB state row by key.
/// </summary>
public static class CanvasBenchmark
{
    private const int Items = 100;
    private const int WarmUp = 200;

    /// <summary>
    /// Patches sent before the measured run: enough for tiered compilation to finish with the hot
    /// path (with 200, the first 2,000 measured patches still ran partly in tier-0 code, twice as slow).
    /// </summary>
    private const int PatchWarmUp = 3_000;
    private const double MaxP99Ms = 5.0;
    private const double MinPatchesPerSecond = 2_000;

    /// <summary>Runs the benchmark and returns a markdown report.</summary>
    /// <param name="quick">2,000 versions and 500 reads instead of 10,000 and 2,000.</param>
    public static async Task<string> RunAsync(bool quick)
    {
        var versions = quick ? 2_000 : 10_000;
        var reads = quick ? 500 : 2_000;
        var directory = Path.Combine(Path.GetTempPath(), "journal-bench-canvas", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var services = new ServiceCollection();
            services.AddJournal(
                new JournalStoreOptions { DatabasePath = Path.Combine(directory, "journal.db") },
                new ProjectionOptions { DatabasePath = Path.Combine(directory, "projections.db") });
            await using var provider = services.BuildServiceProvider();
            using var raw = RawCanvas.Open(Path.Combine(directory, "raw.db"));
            var mediator = provider.GetRequiredService<IMediator>();
            var initial = InitialState();
            var stateBytes = Encoding.UTF8.GetByteCount(initial.ToJsonString());

            // JIT, pools and caches warm up on another canvas and table first.
            var warm = Guid.NewGuid();
            await mediator.Send(new CreateCanvasRequest(warm, Guid.NewGuid(), (JsonObject)initial.DeepClone()));
            for (var v = 1; v <= PatchWarmUp; v++)
            {
                var patch = Patch(v);
                await mediator.Send(new PatchCanvasRequest(warm, patch, v));
                raw.InsertPatch("warmup", patch.ToJsonString());
            }

            var canvas = Guid.NewGuid();
            await mediator.Send(new CreateCanvasRequest(canvas, Guid.NewGuid(), (JsonObject)initial.DeepClone()));
            var patches = Enumerable.Range(1, versions - 1).Select(Patch).ToArray();
            double journalMs = 0, rawMs = 0;
            for (var i = 0; i < patches.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await mediator.Send(new PatchCanvasRequest(canvas, patches[i], i + 1));
                journalMs += Stopwatch.GetElapsedTime(started).TotalMilliseconds;

                var text = patches[i].ToJsonString();
                started = Stopwatch.GetTimestamp();
                raw.InsertPatch("patches", text);
                rawMs += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            // The decision alone, in memory: copy the 20 KB state, apply, hash the canonical form.
            var decided = CanvasDecider.Create(new CreateCanvas(Guid.NewGuid(), Guid.NewGuid(), (JsonObject)initial.DeepClone(), DateTimeOffset.UnixEpoch), CanvasDecider.Initial).State;
            var decide = Stopwatch.StartNew();
            for (var i = 0; i < patches.Length; i++)
            {
                decided = CanvasDecider.Patch(new PatchCanvas(decided.CanvasId, patches[i], i + 1, DateTimeOffset.UnixEpoch), decided).State;
            }

            decide.Stop();
            var decideUs = decide.Elapsed.TotalMicroseconds / patches.Length;

            var daemon = provider.GetRequiredService<ProjectionDaemon>();
            var catchUp = Stopwatch.StartNew();
            await daemon.CatchUpAsync(CancellationToken.None);
            catchUp.Stop();

            // The raw baseline reads one stored state row by key: as many rows as the read model holds snapshots.
            var latest = await mediator.Send(new GetCanvasQuery(canvas));
            var stateText = latest.State.ToJsonString();
            for (var i = 0; i < versions / 50; i++)
            {
                raw.InsertState(i, stateText);
            }

            var random = new Random(8);
            var ours = new double[reads];
            var baseline = new double[reads];
            for (var i = 0; i < reads + WarmUp; i++)
            {
                var version = random.NextInt64(1, versions + 1);
                var started = Stopwatch.GetTimestamp();
                var at = await mediator.Send(new GetCanvasAtVersionQuery(canvas, version));
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (at.Version != version)
                {
                    throw new InvalidOperationException("the read model answered another version");
                }

                started = Stopwatch.GetTimestamp();
                var row = raw.ReadState(random.Next(versions / 50));
                var rawRead = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (row.Length == 0)
                {
                    throw new InvalidOperationException("the raw state row is empty");
                }

                if (i >= WarmUp)
                {
                    ours[i - WarmUp] = ms;
                    baseline[i - WarmUp] = rawRead;
                }
            }

            return Report(versions, stateBytes, patches.Length, journalMs, rawMs, catchUp.Elapsed, ours, baseline) +
                string.Create(CultureInfo.InvariantCulture, $"The decision alone (copy, apply, canonical hash of the 20 KB state, in memory): {decideUs:0.0} us per patch.\n");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A board of 100 cards of about 200 bytes each: about 20 KB.</summary>
    private static JsonObject InitialState()
    {
        var items = new JsonArray();
        for (var i = 0; i < Items; i++)
        {
            items.Add(new JsonObject
            {
                ["id"] = i,
                ["text"] = Text(i, 0),
                ["done"] = false,
                ["tags"] = new JsonArray("plan", "review"),
                ["weight"] = i / 4.0,
            });
        }

        return new JsonObject { ["title"] = "Sprint board", ["items"] = items };
    }

    /// <summary>Two operations on one card: its text and its done flag.</summary>
    private static JsonArray Patch(int version)
    {
        var card = version % Items;
        return
        [
            new JsonObject { ["op"] = "replace", ["path"] = $"/items/{card}/text", ["value"] = Text(card, version) },
            new JsonObject { ["op"] = "replace", ["path"] = $"/items/{card}/done", ["value"] = version % 2 == 0 },
        ];
    }

    private static string Text(int card, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"Card {card}, edit {version}: check the failing parser test, write the one-line fix, and note why the earlier change broke it.");

    private static string Report(int versions, int stateBytes, int patchCount, double journalMs, double rawMs, TimeSpan catchUp, double[] ours, double[] baseline)
    {
        var journalRate = patchCount / (journalMs / 1000);
        var rawRate = patchCount / (rawMs / 1000);
        var (p50, p99) = (Percentile(ours, 0.5), Percentile(ours, 0.99));
        var (rawP50, rawP99) = (Percentile(baseline, 0.5), Percentile(baseline, 0.99));
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Canvas: one canvas, {versions:N0} versions, state {stateBytes:N0} bytes, patches of 2 operations");
        report.AppendLine();
        report.AppendLine("| figure | ours | raw baseline | ratio | floor | met |");
        report.AppendLine("|---|---:|---:|---:|---:|---|");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| patch throughput, one editor (MediatR PatchCanvas vs raw INSERT+COMMIT of the patch bytes) | {journalRate:N0} patches/s | {rawRate:N0} rows/s | {journalRate / rawRate:0.00} | >= {MinPatchesPerSecond:N0}/s | {(journalRate >= MinPatchesPerSecond ? "yes" : "**no**")} |");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| state at a random version, p50 / p99 (GetCanvasAtVersion vs raw read of a stored state row) | {p50:0.000} / {p99:0.000} ms | {rawP50:0.000} / {rawP99:0.000} ms | p99 {p99 / rawP99:0.0}x | p99 < {MaxP99Ms:0} ms | {(p99 < MaxP99Ms ? "yes" : "**no**")} |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"canvas.v1 catch-up over the {versions:N0} versions (hash check of every state included): {catchUp.TotalSeconds:0.00} s ({versions / catchUp.TotalSeconds:N0} versions/s).");
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
