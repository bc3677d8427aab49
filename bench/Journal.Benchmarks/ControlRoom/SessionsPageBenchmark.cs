using System.Diagnostics;
using System.Globalization;
using System.Text;
using Journal.Benchmarks.Http;
using Journal.Domain.Commands;
using Journal.Domain.Sessions.UseCases;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Benchmarks.ControlRoom;

/// <summary>
/// Issue 24's figure: the control room's sessions page over 100,000 sessions, first screen in server time. The real
/// service (no keys, loopback) serves <c>GET /sessions</c>, whose HTML is rendered on the server with the first page
/// of the list query in it; the raw baseline in the same run is <c>GET /v1/sessions?limit=50</c>, the same query as
/// JSON, and the trivial endpoint. The three are requested in turn, one at a time, so each sees the same machine.
/// </summary>
internal static class SessionsPageBenchmark
{
    public static async Task<string> RunAsync(bool quick)
    {
        var sessions = quick ? 10_000 : 100_000;
        var rounds = quick ? 100 : 500;
        await using var service = await BenchService.StartAsync().ConfigureAwait(false);
        var seeding = Stopwatch.StartNew();
        var position = await SeedAsync(service.Services, sessions).ConfigureAwait(false);
        seeding.Stop();

        using var client = new HttpClient { BaseAddress = service.Address };
        // The read model holds every session before anything is timed.
        using (var caughtUp = await client.GetAsync($"/v1/sessions?limit=1&minPosition={position}").ConfigureAwait(false))
        {
            caughtUp.EnsureSuccessStatusCode();
        }

        string[] paths = ["/sessions", "/v1/sessions?limit=50", BenchService.RawPath];
        var samples = paths.ToDictionary(p => p, _ => new List<double>());
        foreach (var path in paths)
        {
            // Warm-up: the first render compiles and caches; it is not what a person waits for on the hundredth visit.
            for (var i = 0; i < 20; i++)
            {
                await TimeAsync(client, path).ConfigureAwait(false);
            }
        }

        var pageBytes = 0L;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var path in paths)
            {
                var (ms, bytes) = await TimeAsync(client, path).ConfigureAwait(false);
                samples[path].Add(ms);
                if (path == "/sessions")
                {
                    pageBytes = bytes;
                }
            }
        }

        var page = new Latencies([.. samples["/sessions"]]);
        var query = new Latencies([.. samples["/v1/sessions?limit=50"]]);
        var raw = new Latencies([.. samples[BenchService.RawPath]]);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Control room, sessions page: {sessions:N0} sessions (seeded in {seeding.Elapsed.TotalSeconds:0.0} s), {rounds} rounds of the three requests in turn, one at a time");
        text.AppendLine(CultureInfo.InvariantCulture, $"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        text.AppendLine();
        text.AppendLine("| request | p50 (ms) | p99 (ms) | max (ms) |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine(raw.Row("trivial endpoint (baseline)"));
        text.AppendLine(query.Row("GET /v1/sessions?limit=50 (the list query as JSON)"));
        text.AppendLine(page.Row($"GET /sessions (first screen, {pageBytes / 1024.0:0.0} KiB of HTML)"));
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"page p50 / query p50: {page.P50 / query.P50:0.00}; page p99 / query p99: {page.P99 / query.P99:0.00}; page p50 / trivial p50: {page.P50 / raw.P50:0.00}");
        text.AppendLine(CultureInfo.InvariantCulture, $"bound: first screen under 300 ms of server time: p99 {page.P99:0.0} ms, {(page.P99 < 300 ? "pass" : "FAIL")}");
        return text.ToString();
    }

    private static async Task<(double Ms, long Bytes)> TimeAsync(HttpClient client, string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(path).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        clock.Stop();
        response.EnsureSuccessStatusCode();
        return (clock.Elapsed.TotalMilliseconds, body.Length);
    }

    /// <summary>Creates the sessions through the command pipeline, many at a time so group commit batches them; answers the last position.</summary>
    private static async Task<long> SeedAsync(IServiceProvider services, int count)
    {
        var mediator = services.GetRequiredService<IMediator>();
        var highest = 0L;
        const int Parallel = 64;
        for (var start = 0; start < count; start += Parallel)
        {
            var batch = Enumerable.Range(start, Math.Min(Parallel, count - start))
                .Select(i => mediator.Send(new CreateSessionRequest(null, $"principal-{i % 500}", "bench-host", $"channel-{i % 7}", Label: $"session {i}") { Context = new CommandContext(Actor: "bench") }));
            foreach (var result in await Task.WhenAll(batch).ConfigureAwait(false))
            {
                highest = Math.Max(highest, result.Position);
            }
        }

        return highest;
    }
}
