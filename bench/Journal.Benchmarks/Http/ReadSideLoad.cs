using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Journal.Benchmarks.Http;

/// <summary>One endpoint's open-loop result beside the trivial endpoint's of the same phase.</summary>
internal sealed record ReadSideRow(string Endpoint, BodyReading Reading, bool Appending, OpenLoopResult Result, OpenLoopResult Baseline)
{
    public double P99Ratio => Result.FromSchedule.P99 / Baseline.FromSchedule.P99;
}

/// <summary>
/// Issue 22's read-side figures: GET of a session, a transcript page and a canvas at a fixed rate (open loop), taking turns in rounds,
/// each against the trivial endpoint measured before and after them in the same phase (the lower p99), first alone and then while transcript appends
/// run beside them at their own fixed rate (open loop, to other sessions). The p99 of each is held to a multiple
/// of the trivial endpoint's: 2x alone, 3x with the appends. Both phases run twice: with a client that buffers each body
/// in a new array, then with one that drains each body into a reused buffer (<see cref="BodyReading"/>). The client runs
/// in the service's process, so its garbage is collected in the service's pauses: the transcript page's 13.6 KB body
/// costs the buffering client about 27 KB a response, which the drained rows leave out of the service's latency.
/// </summary>
internal static class ReadSideLoad
{
    public const int AppendRate = 500;
    public const double MaxRatioAlone = 2.0;
    public const double MaxRatioAppending = 3.0;
    private const int TranscriptEntries = 200;

    /// <summary>How many turns each endpoint's window is cut into.</summary>
    private const int Rounds = 4;

    public static async Task<List<ReadSideRow>> RunAsync(HttpClient client, Guid session, int rate, TimeSpan duration)
    {
        var transcript = await TranscriptAsync(client).ConfigureAwait(false);
        var canvas = await CanvasAsync(client, session).ConfigureAwait(false);
        var writers = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            writers.Add(await HttpSessions.CreateAsync(client).ConfigureAwait(false));
        }

        var endpoints = new[]
        {
            ("GET /v1/sessions/{id}", $"/v1/sessions/{session}"),
            ("GET /v1/sessions/{id}/transcript (a page of 50)", $"/v1/sessions/{transcript}/transcript?limit=50"),
            ("GET /v1/canvases/{id}", $"/v1/canvases/{canvas}"),
        };
        foreach (var (_, path) in endpoints)
        {
            OpenLoopLoad.Run(client, path, rate, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        }

        var rows = new List<ReadSideRow>();
        foreach (var (reading, appending) in new[] { (BodyReading.Buffered, false), (BodyReading.Buffered, true), (BodyReading.Drained, false), (BodyReading.Drained, true) })
        {
            var appends = appending ? Task.Run(() => AppendBeside(client, writers, duration * (endpoints.Length + 2) + TimeSpan.FromSeconds(3))) : Task.FromResult<OpenLoopResult?>(null);

            // Untimed: the phase's load settles (the appends' first commits, their projection) before the baseline.
            OpenLoopLoad.Run(client, BenchService.RawPath, rate, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), reading);
            var before = OpenLoopLoad.Run(client, BenchService.RawPath, rate, duration, TimeSpan.FromSeconds(60), reading);
            var turns = OpenLoopLoad.RunInTurns(client, [.. endpoints.Select(e => (Func<HttpClient, Task<HttpResponseMessage>>)(c => OpenLoopLoad.Get(c, e.Item2, reading)))], rate, duration, Rounds);
            var measured = endpoints.Select((e, i) => (e.Item1, Result: turns[i].All)).ToList();

            // The trivial endpoint before and after the phase's endpoints; the lower p99 is the baseline (the stricter bound).
            var after = OpenLoopLoad.Run(client, BenchService.RawPath, rate, duration, TimeSpan.FromSeconds(60), reading);
            var baseline = before.FromSchedule.P99 <= after.FromSchedule.P99 ? before : after;
            rows.AddRange(measured.Select(m => new ReadSideRow(m.Item1, reading, appending, m.Result, baseline)));

            var appended = await appends.ConfigureAwait(false);
            if (appended is { Failed: > 0 })
            {
                throw new InvalidOperationException($"{appended.Failed} of the appends beside the GETs failed");
            }
        }

        return rows;
    }

    public static void Report(StringBuilder report, List<ReadSideRow> rows, int rate, TimeSpan duration)
    {
        var c = CultureInfo.InvariantCulture;
        report.AppendLine(c, $"Read side (issue 22): GET at {rate:N0}/s, open loop, {duration.TotalSeconds:0} s per endpoint in {Rounds} rounds taking turns (A B C, C B A, ...), each against the trivial endpoint measured before and after them in the same phase (the lower p99); then the same while {AppendRate}/s transcript appends (open loop) run beside them; both with a client that buffers each body in a new array, then with one that drains each body into a reused buffer (the client shares the service's process and garbage collector). Latency from schedule to the whole body read, ms.");
        report.AppendLine();
        report.AppendLine("| endpoint | client | appends beside | p50 | p99 | max | trivial p99 | p99 / trivial | bound | result | failed |");
        report.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var row in rows)
        {
            var bound = row.Appending ? MaxRatioAppending : MaxRatioAlone;
            var met = row.P99Ratio <= bound && row.Result.Failed == 0;
            report.AppendLine(c, $"| {row.Endpoint} | {row.Reading.ToString().ToLowerInvariant()} | {(row.Appending ? $"{AppendRate}/s" : "none")} | {row.Result.FromSchedule.P50:0.00} | {row.Result.FromSchedule.P99:0.00} | {row.Result.FromSchedule.Max:0.0} | {row.Baseline.FromSchedule.P99:0.00} | {row.P99Ratio:0.00} | <= {bound:0} | {(met ? "pass" : "FAIL")} | {row.Result.Failed} |");
        }

        report.AppendLine();
    }

    private static OpenLoopResult? AppendBeside(HttpClient client, List<Guid> writers, TimeSpan duration)
    {
        var next = 0;
        return OpenLoopLoad.Run(
            c =>
            {
                var session = writers[Interlocked.Increment(ref next) % writers.Count];
                return c.PostAsJsonAsync($"/v1/sessions/{session}/transcript", new { kind = "UserMessage", text = "an append beside the reads" });
            },
            HttpStatusCode.Created,
            client,
            AppendRate,
            duration,
            TimeSpan.FromSeconds(60));
    }

    /// <summary>A session with <see cref="TranscriptEntries"/> entries, all projected.</summary>
    internal static async Task<Guid> TranscriptAsync(HttpClient client)
    {
        var session = await HttpSessions.CreateAsync(client).ConfigureAwait(false);
        long position = 0;
        for (var i = 0; i < TranscriptEntries; i++)
        {
            using var response = await client.PostAsJsonAsync($"/v1/sessions/{session}/transcript", new { kind = "UserMessage", text = $"entry {i} of the page the bench reads" }).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            position = (await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false)).GetProperty("position").GetInt64();
        }

        using var check = await client.GetAsync($"/v1/sessions/{session}/transcript?limit=1&minPosition={position}").ConfigureAwait(false);
        check.EnsureSuccessStatusCode();
        return session;
    }

    /// <summary>A canvas of a few kilobytes in <paramref name="session"/>, projected.</summary>
    internal static async Task<Guid> CanvasAsync(HttpClient client, Guid session)
    {
        var canvas = Guid.CreateVersion7();
        var items = Enumerable.Range(0, 40).Select(i => new { id = i, title = $"card {i}", body = "a canvas the bench reads back, a few kilobytes in all" }).ToArray();
        using var response = await client.PostAsJsonAsync("/v1/canvases", new { sessionId = session, canvasId = canvas, state = new { title = "bench", cards = items } }).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var position = (await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false)).GetProperty("position").GetInt64();
        using var check = await client.GetAsync($"/v1/canvases/{canvas}?minPosition={position}").ConfigureAwait(false);
        check.EnsureSuccessStatusCode();
        return canvas;
    }
}
