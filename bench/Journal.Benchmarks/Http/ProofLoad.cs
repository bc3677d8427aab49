using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Journal.Benchmarks.Capacity;

namespace Journal.Benchmarks.Http;

/// <summary>
/// Issue 23's served figures: inclusion proofs of random events in the tree at the head, and consistency proofs
/// between random sizes, over HTTP at a fixed rate (open loop) on the service started over a copy of the 1M
/// capacity tape, each against the trivial endpoint measured before and after them (the lower p99). The issue's
/// bound is an absolute p99 under 5 ms; the ratio to the trivial endpoint is reported beside it.
/// </summary>
internal static class ProofLoad
{
    public const double MaxP99Ms = 5.0;

    private const int Rounds = 4;

    public static async Task<string> RunAsync(bool quick)
    {
        var events = 1_000_000L;
        var rate = quick ? 500 : 1_000;
        var duration = TimeSpan.FromSeconds(quick ? 5 : 20);
        var tape = await CapacityTape.EnsureAsync(events, CancellationToken.None).ConfigureAwait(false);
        await using var service = await BenchService.StartAsync(tape.Directory).ConfigureAwait(false);
        using var client = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromMinutes(5) };

        // A read model whose version moved since the cached tape was built is rebuilt at start: the proofs are measured
        // once the service reports ready (every read model caught up), not beside that rebuild.
        var ready = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var probe = await client.GetAsync("/health/ready").ConfigureAwait(false);
            if (probe.IsSuccessStatusCode)
            {
                break;
            }

            if (ready.Elapsed > TimeSpan.FromMinutes(15))
            {
                throw new TimeoutException("the service was not ready after 15 minutes");
            }

            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }

        // The first tree head waits for the builder to store the tree of the copied tape: the build is timed here
        // only as an aside (the merkle suite measures it against a raw read).
        var build = System.Diagnostics.Stopwatch.StartNew();
        var head = await client.GetFromJsonAsync<JsonElement>("/v1/journal/tree").ConfigureAwait(false);
        var size = head.GetProperty("size").GetInt64();
        var built = build.Elapsed;

        var random = new Random(23);
        Func<HttpClient, Task<HttpResponseMessage>> inclusion = c =>
        {
            long seq;
            lock (random)
            {
                seq = random.NextInt64(1, size + 1);
            }

            return c.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/v1/journal/proofs/inclusion?seq={seq}&treeSize={size}"));
        };
        Func<HttpClient, Task<HttpResponseMessage>> consistency = c =>
        {
            long from, to;
            lock (random)
            {
                to = random.NextInt64(2, size + 1);
                from = random.NextInt64(1, to);
            }

            return c.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/v1/journal/proofs/consistency?from={from}&to={to}"));
        };

        // Warm-up, untimed.
        OpenLoopLoad.Run(inclusion, System.Net.HttpStatusCode.OK, client, rate, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));
        OpenLoopLoad.Run(consistency, System.Net.HttpStatusCode.OK, client, rate, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));
        OpenLoopLoad.Run(client, BenchService.RawPath, rate, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));

        // The two kinds take turns in rounds (inclusion, consistency, then consistency, inclusion, ...), so neither owns
        // the late or the early minutes of the run and what the machine does in one minute falls on both.
        var before = OpenLoopLoad.Run(client, BenchService.RawPath, rate, duration, TimeSpan.FromSeconds(60));
        var turns = OpenLoopLoad.RunInTurns(client, [inclusion, consistency], rate, duration, Rounds);
        var (included, consistent) = (turns[0].All, turns[1].All);
        var after = OpenLoopLoad.Run(client, BenchService.RawPath, rate, duration, TimeSpan.FromSeconds(60));
        var baseline = before.FromSchedule.P99 <= after.FromSchedule.P99 ? before : after;

        var c = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        report.AppendLine(c, $"Proofs over HTTP (issue 23): the service on a copy of the {events:N0}-event capacity tape (tree of {size:N0} leaves; ready after {ready.Elapsed.TotalSeconds:0} s, then the first tree head after {built.TotalSeconds:0.0} s), {rate:N0} requests/s open loop, {duration.TotalSeconds:0} s each, random seq at the head / random sizes; latency from schedule, ms; the two kinds alternate in {Rounds} rounds; baseline: the trivial endpoint before and after (the lower p99; before {before.FromSchedule.P99:0.00}, after {after.FromSchedule.P99:0.00}).");
        report.AppendLine();
        report.AppendLine("| endpoint | p50 | p99 | max | trivial p99 | p99 / trivial | bound (p99) | result | failed |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var (name, result) in new[] { ("GET /v1/journal/proofs/inclusion", included), ("GET /v1/journal/proofs/consistency", consistent) })
        {
            var met = result.FromSchedule.P99 < MaxP99Ms && result.Failed == 0;
            report.AppendLine(c, $"| {name} | {result.FromSchedule.P50:0.00} | {result.FromSchedule.P99:0.00} | {result.FromSchedule.Max:0.0} | {baseline.FromSchedule.P99:0.00} | {result.FromSchedule.P99 / baseline.FromSchedule.P99:0.00} | < {MaxP99Ms:0} ms | {(met ? "pass" : "FAIL")} | {result.Failed} |");
        }

        report.AppendLine();
        report.AppendLine(c, $"p99 per round, in order: inclusion {string.Join(" / ", turns[0].Rounds.Select(r => r.FromSchedule.P99.ToString("0.00", c)))}; consistency {string.Join(" / ", turns[1].Rounds.Select(r => r.FromSchedule.P99.ToString("0.00", c)))}.");
        return report.ToString();
    }
}
