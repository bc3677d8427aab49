using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Benchmarks.Http;

/// <summary>
/// Issue 5's figures for the service: GET of a session read model at a fixed rate (open loop) against
/// a trivial endpoint on the same Kestrel, and transcript POST throughput against the same command sent
/// in-process; and issue 22's read side (<see cref="ReadSideLoad"/>). Returns a markdown report with the verdicts.
/// </summary>
internal static class HttpBenchmark
{
    private const int Rate = 2_000;
    private const double MaxP99Ms = 5.0;
    private const double MinPostRatio = 0.5;
    private const int Clients = 16;

    public static async Task<string> RunAsync(bool quick)
    {
        var getDuration = TimeSpan.FromSeconds(quick ? 3 : 15);
        var postDuration = TimeSpan.FromSeconds(quick ? 2 : 5);
        var postRounds = quick ? 1 : 3;
        await using var service = await BenchService.StartAsync().ConfigureAwait(false);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(30) };
        var mediator = service.Services.GetRequiredService<IMediator>();

        var session = await HttpSessions.CreateAsync(client).ConfigureAwait(false);
        var sessionPath = $"/v1/sessions/{session}";

        // Warm-up: JIT, connection pool, page cache, both paths, untimed.
        OpenLoopLoad.Run(client, BenchService.RawPath, Rate, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        OpenLoopLoad.Run(client, sessionPath, Rate, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

        var raw = OpenLoopLoad.Run(client, BenchService.RawPath, Rate, getDuration, TimeSpan.FromSeconds(60));
        var get = OpenLoopLoad.Run(client, sessionPath, Rate, getDuration, TimeSpan.FromSeconds(60));
        var readSide = await ReadSideLoad.RunAsync(client, session, Rate, getDuration).ConfigureAwait(false);

        var sessions = new List<Guid>();
        for (var i = 0; i < Clients; i++)
        {
            sessions.Add(await HttpSessions.CreateAsync(client).ConfigureAwait(false));
        }

        await PostThroughput.HttpAsync(client, sessions, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        await PostThroughput.InProcessAsync(mediator, sessions, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        var http = new List<double>();
        var inProcess = new List<double>();
        for (var round = 0; round < postRounds; round++)
        {
            http.Add(await PostThroughput.HttpAsync(client, sessions, postDuration).ConfigureAwait(false));
            inProcess.Add(await PostThroughput.InProcessAsync(mediator, sessions, postDuration).ConfigureAwait(false));
        }

        var report = new StringBuilder(Report(getDuration, raw, get, postDuration, http, inProcess));
        report.AppendLine();
        ReadSideLoad.Report(report, readSide, Rate, getDuration);
        return report.ToString();
    }

    private static string Report(TimeSpan getDuration, OpenLoopResult raw, OpenLoopResult get, TimeSpan postDuration, List<double> http, List<double> inProcess)
    {
        var report = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        report.AppendLine(c, $"GET at {Rate:N0} requests/s, open loop, {getDuration.TotalSeconds:0} s each ({get.Sent:N0} requests), latency in ms");
        report.AppendLine();
        report.AppendLine("| endpoint | p50 | p99 | max | p50 from send | p99 from send | max from send | achieved/s | failed |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, result) in new[] { ("trivial endpoint (baseline)", raw), ("GET /v1/sessions/{id}", get) })
        {
            report.AppendLine(c, $"| {name} | {result.FromSchedule.P50:0.000} | {result.FromSchedule.P99:0.000} | {result.FromSchedule.Max:0.000} | {result.FromSend.P50:0.000} | {result.FromSend.P99:0.000} | {result.FromSend.Max:0.000} | {result.AchievedRate:0} | {result.Failed} |");
        }

        report.AppendLine();
        report.AppendLine(c, $"Journal's own cost: p50 {get.FromSchedule.P50 / raw.FromSchedule.P50:0.00}x, p99 {get.FromSchedule.P99 / raw.FromSchedule.P99:0.00}x the baseline (from schedule).");
        var getMet = get.FromSchedule.P99 < MaxP99Ms && get.Failed == 0;
        report.AppendLine(c, $"Requirement: GET p99 < {MaxP99Ms:0} ms at {Rate:N0}/s (from schedule), no failures: {(getMet ? "met" : "NOT met")}.");
        report.AppendLine();

        var httpMedian = Median(http);
        var inProcessMedian = Median(inProcess);
        var ratio = httpMedian / inProcessMedian;
        report.AppendLine(c, $"Transcript append throughput, {Clients} concurrent clients (one session each), closed loop, {http.Count} alternating rounds of {postDuration.TotalSeconds:0} s per side (median round, appends/s)");
        report.AppendLine();
        report.AppendLine("| path | median | rounds |");
        report.AppendLine("|---|---:|---|");
        report.AppendLine(c, $"| POST /v1/sessions/{{id}}/transcript | {httpMedian:0} | {string.Join(", ", http.Select(r => r.ToString("0", c)))} |");
        report.AppendLine(c, $"| MediatR AppendTranscriptEntryRequest in-process | {inProcessMedian:0} | {string.Join(", ", inProcess.Select(r => r.ToString("0", c)))} |");
        report.AppendLine();
        report.AppendLine(c, $"Requirement: HTTP >= {MinPostRatio:P0} of in-process: {ratio:P0}, {(ratio >= MinPostRatio ? "met" : "NOT met")}.");
        return report.ToString();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }
}
