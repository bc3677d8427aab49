using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace Journal.Benchmarks.Capacity;

/// <summary>Every figure of one tape, each measured in this run.</summary>
internal sealed record CapacityFigures(
    long Events,
    double StartFirstSeconds,
    double FirstEverAppendMs,
    double StartWarmSeconds,
    double StartColdSeconds,
    bool ColdDropped,
    double RawOpenHeadMs,
    double HealthP50Ms,
    double HealthP99Ms,
    double CliHealthSeconds,
    double CliStatsSeconds,
    double WarmUpAppendMs,
    double FirstAppendMs,
    double SteadyAppendMs,
    double ColdFirstAppendMs,
    double RssAfterRecallMb,
    double HwmAfterRecallMb,
    double ReplayRate,
    double ReplayPeakMb,
    double RawReadRate);

/// <summary>
/// Measures one cached tape from outside, on a copy (every start and replay writes): a first start (no verified mark
/// yet) with one append to the long session (no snapshot yet); three restarts (the page cache as the last process
/// left it; the median of each figure) whose first requests after ready are an append to a new session, one to the long session, 20 more to it, 100
/// journal health reports and one recall per user; a partly cold start (the copy's pages dropped) and the long
/// session's first append after it; the CLI's <c>health</c> and <c>stats</c> with the service stopped; an admin
/// <c>replay</c> into a fresh read-model file; and the raw SQLite baselines of a start and of a replay.
/// </summary>
/// <summary>What one warm restart measured.</summary>
internal sealed record RestartSample(double ReadySeconds, double WarmUpMs, double FirstAppendMs, double SteadyMs, double HealthP50Ms, double HealthP99Ms, ProcMemory Memory);

internal static class CapacityRun
{
    private const int HealthCalls = 100;
    private const int SteadyAppends = 20;

    /// <summary>Warm restarts measured: an odd number, so a median is one of them.</summary>
    private const int Restarts = 3;

    public static async Task<CapacityFigures> MeasureAsync(JournalExecutable executable, CapacityTapeInfo tape, CancellationToken ct)
    {
        var root = Path.Combine(Path.GetTempPath(), "journal-bench-capacity", Guid.NewGuid().ToString("N"));
        var data = Path.Combine(root, "data");
        // Owner-only, as the operations guide asks: the health report would otherwise say "degraded".
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(data);
        }
        else
        {
            Directory.CreateDirectory(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        try
        {
            Say(tape, $"copying the tape to {data}");
            // The tape and every read-model file (blue/green generations and their pointer); not the manifest,
            // nor the empty WAL and shared-memory files a clean close leaves.
            foreach (var file in Directory.EnumerateFiles(tape.Directory).Where(f => Path.GetFileName(f) != "capacity.txt" && !f.EndsWith("-shm", StringComparison.Ordinal) && !f.EndsWith("-wal", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
            }

            // A service that has run before has a verified mark and aggregate snapshots; a copy of the cached
            // tape has neither. The first start (no mark: the whole tape checked before ready) and the first
            // append ever to the long session (no snapshot: its whole stream folded) are measured and shown
            // apart; the starts after them are the ones a restart sees.
            double first, firstEver;
            await using (var service = await ServiceProcess.StartAsync(executable, data, ct).ConfigureAwait(false))
            {
                first = service.ReadyAfter.TotalSeconds;
                firstEver = await FirstAppendAsync(service.Client, ct).ConfigureAwait(false);
            }

            Say(tape, $"first start (no verified mark): ready after {first:0.00} s; first append ever to the long session (no snapshot) {firstEver:0.0} ms");

            // Restarts: each process is new (nothing remembered, nothing compiled), the operating system's page
            // cache as the last process left it, as when a service is restarted on its machine. Each figure is the
            // median of the restarts (one sample moved by a factor of 3 from run to run).
            var samples = new List<RestartSample>();
            for (var restart = 0; restart < Restarts; restart++)
            {
                var sample = await RestartAsync(executable, data, ct).ConfigureAwait(false);
                samples.Add(sample);
                Say(tape, $"warm start {restart + 1}/{Restarts}: ready after {sample.ReadySeconds:0.00} s, first append {sample.WarmUpMs:0.0} ms (new session), then {sample.FirstAppendMs:0.0} ms (long session; later appends {sample.SteadyMs:0.0} ms), health p50 {sample.HealthP50Ms:0.0} ms, RSS {sample.Memory.RssBytes / 1e6:N0} MB");
            }

            var warm = Median(samples, s => s.ReadySeconds);
            var warmUp = Median(samples, s => s.WarmUpMs);
            var firstAppend = Median(samples, s => s.FirstAppendMs);
            var steady = Median(samples, s => s.SteadyMs);
            var (p50, p99) = (Median(samples, s => s.HealthP50Ms), Median(samples, s => s.HealthP99Ms));
            var (rss, hwm) = (Median(samples, s => s.Memory.RssBytes), Median(samples, s => s.Memory.PeakBytes));
            // A start after the copy's pages were dropped: what the start reads, and what the long session's first
            // append reads, come from the disk (a machine rebooted, or a tape larger than its memory).
            var dropped = PageCache.Drop(data);
            TimeSpan cold;
            double coldFirstAppend;
            await using (var service = await ServiceProcess.StartAsync(executable, data, ct).ConfigureAwait(false))
            {
                cold = service.ReadyAfter;
                _ = await WarmUpAsync(service.Client, ct).ConfigureAwait(false);
                coldFirstAppend = await FirstAppendAsync(service.Client, ct).ConfigureAwait(false);
            }

            Say(tape, $"partly cold start: ready after {cold.TotalSeconds:0.00} s, then the long session's first append {coldFirstAppend:0.0} ms");
            var (raw, head) = RawBaselines.OpenAndReadHead(Path.Combine(data, "journal.db"));
            Say(tape, $"head after the service ran: seq {head:N0} ({head - tape.Events:N0} more than built: the first append, and whatever the service wrote itself)");
            var health = await VerbAsync(executable, root, ["health", "--db", Path.Combine(data, "journal.db")], ct).ConfigureAwait(false);
            var stats = await VerbAsync(executable, root, ["stats", "--db", Path.Combine(data, "journal.db")], ct).ConfigureAwait(false);
            Say(tape, $"CLI health {health.TotalSeconds:0.00} s, stats {stats.TotalSeconds:0.00} s");
            var (replayRate, replayPeak) = await ReplayAsync(executable, root, data, head, ct).ConfigureAwait(false);
            Say(tape, $"replay {replayRate:N0} events/s, peak {replayPeak / 1e6:N0} MB");
            var rawRead = RawBaselines.ReadRate(Path.Combine(data, "journal.db"), head);
            return new CapacityFigures(
                tape.Events, first, firstEver, warm, cold.TotalSeconds, dropped, raw.TotalMilliseconds, p50, p99, health.TotalSeconds, stats.TotalSeconds,
                warmUp, firstAppend, steady, coldFirstAppend, rss / 1e6, hwm / 1e6, replayRate, replayPeak / 1e6, rawRead);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// One restart: time until ready; the process's first append (a new session's: it compiles the path, so the long
    /// session's append after it measures loading a 25,000-entry stream); the long session's first append, then 20
    /// more; 100 health reports; one recall per user, and the service's memory after them.
    /// </summary>
    private static async Task<RestartSample> RestartAsync(JournalExecutable executable, string data, CancellationToken ct)
    {
        await using var service = await ServiceProcess.StartAsync(executable, data, ct).ConfigureAwait(false);
        var ready = service.ReadyAfter.TotalSeconds;
        var warmUp = await WarmUpAsync(service.Client, ct).ConfigureAwait(false);
        var firstAppend = await FirstAppendAsync(service.Client, ct).ConfigureAwait(false);
        var steady = await SteadyAppendAsync(service.Client, ct).ConfigureAwait(false);
        var (p50, p99) = await HealthAsync(service.Client, ct).ConfigureAwait(false);
        await RecallEveryUserAsync(service.Client, ct).ConfigureAwait(false);
        var memory = ProcMemory.Read(service.Pid) ?? throw new InvalidOperationException("the service's /proc status could not be read");
        return new RestartSample(ready, warmUp, firstAppend, steady, p50, p99, memory);
    }

    private static double Median(List<RestartSample> samples, Func<RestartSample, double> figure)
    {
        var sorted = samples.Select(figure).Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>One user message appended to the 25,000-entry session, timed to its 201.</summary>
    private static Task<double> FirstAppendAsync(HttpClient client, CancellationToken ct) => AppendAsync(client, CapacityTape.LongSessionId, ct);

    /// <summary>The median of <see cref="SteadyAppends"/> appends to the long session once it is loaded: what any append costs (the commit's sync included).</summary>
    private static async Task<double> SteadyAppendAsync(HttpClient client, CancellationToken ct)
    {
        var times = new double[SteadyAppends];
        for (var i = 0; i < times.Length; i++)
        {
            times[i] = await FirstAppendAsync(client, ct).ConfigureAwait(false);
        }

        Array.Sort(times);
        return Percentile(times, 0.50);
    }

    /// <summary>A new session created, then one entry appended to it: the append is timed (the process's first).</summary>
    private static async Task<double> WarmUpAsync(HttpClient client, CancellationToken ct)
    {
        var session = Guid.CreateVersion7();
        using var created = await client.PostAsJsonAsync(
            new Uri("/v1/sessions", UriKind.Relative),
            new { principal = "user:0", device = "capacity-bench", channel = "cli", sessionId = session },
            ct).ConfigureAwait(false);
        if (created.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"creating the warm-up session answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
        }

        return await AppendAsync(client, session, ct).ConfigureAwait(false);
    }

    private static async Task<double> AppendAsync(HttpClient client, Guid session, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsJsonAsync(
            new Uri(string.Create(CultureInfo.InvariantCulture, $"/v1/sessions/{session}/transcript"), UriKind.Relative),
            new { kind = "UserMessage", text = "the capacity bench appends after a start" },
            ct).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return response.StatusCode == HttpStatusCode.Created
            ? elapsed
            : throw new InvalidOperationException($"the append to session {session} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
    }

    private static async Task<(double P50, double P99)> HealthAsync(HttpClient client, CancellationToken ct)
    {
        // One call first, untimed: it compiles the report's path, which every later call reuses.
        using (var first = await client.GetAsync(new Uri("/v1/journal/health", UriKind.Relative), ct).ConfigureAwait(false))
        {
            _ = await first.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        }

        var times = new double[HealthCalls];
        for (var i = 0; i < HealthCalls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(new Uri("/v1/journal/health", UriKind.Relative), ct).ConfigureAwait(false);
            _ = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"/v1/journal/health answered {(int)response.StatusCode}");
            }
        }

        Array.Sort(times);
        return (Percentile(times, 0.50), Percentile(times, 0.99));
    }

    /// <summary>One recall in each user's scope, so that whatever the service keeps per scope it now keeps for all 50.</summary>
    private static async Task RecallEveryUserAsync(HttpClient client, CancellationToken ct)
    {
        for (var user = 0; user < CapacityScript.Users; user++)
        {
            using var response = await client.PostAsJsonAsync(
                new Uri("/v1/memory/recall", UriKind.Relative),
                new { text = "failing test in the parser module", principal = string.Create(CultureInfo.InvariantCulture, $"user:{user}") },
                ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"recall for user:{user} answered {(int)response.StatusCode}: {body}");
            }
        }
    }

    private static async Task<TimeSpan> VerbAsync(JournalExecutable executable, string root, string[] arguments, CancellationToken ct)
    {
        var run = await executable.RunVerbAsync(root, arguments, null, ct).ConfigureAwait(false);
        if (run.ExitCode == 3)
        {
            // A report that says "degraded" (exit 3) was still produced in full: its time counts; what it found is shown.
            Console.Error.WriteLine($"  `{arguments[0]}` reported degraded (exit 3): {run.Output.Trim()}");
            return run.Elapsed;
        }

        return run.ExitCode == 0
            ? run.Elapsed
            : throw new InvalidOperationException($"`{string.Join(' ', arguments)}` exited with {run.ExitCode}: {run.Output}");
    }

    /// <summary>The admin verb rebuilding every read model into a fresh file; events per second of its wall time, and its peak RSS.</summary>
    private static async Task<(double Rate, double PeakBytes)> ReplayAsync(JournalExecutable executable, string root, string data, long events, CancellationToken ct)
    {
        var watch = new PeakWatch();
        var run = await executable.RunVerbAsync(
            root,
            ["replay", "--db", Path.Combine(data, "journal.db"), "--projections-db", Path.Combine(root, "replayed-projections.db")],
            watch.Start,
            ct).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"replay exited with {run.ExitCode}: {run.Output}");
        }

        return (events / run.Elapsed.TotalSeconds, await watch.PeakAsync().ConfigureAwait(false));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void Say(CapacityTapeInfo tape, string line) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{tape.Events:N0}] {line}"));
}
