using System.Diagnostics;
using System.Globalization;
using System.Text;
using Journal.Benchmarks.Http;
using Journal.Domain.Commands;
using Journal.Domain.Sessions.UseCases;
using Journal.EventStore.Ports;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Journal.Benchmarks.ControlRoom;

/// <summary>
/// Issue 24's figure "the live tail keeps up with 1,000 events/s without freezing the page", measured in the browser.
/// The real service (no keys, loopback) serves the Tape page to Debian's Chromium, headless, driven by Playwright;
/// a probe in the page records the gaps between animation frames, the long tasks and the tail's DOM updates. Under
/// load, transcript entries are appended at 1,000 a second, open loop, through the in-process command path; the
/// baseline in the same run is the same page idle (no appends). Idle and loaded phases alternate (idle then load,
/// then load then idle, ...). Every 100 ms the bench reads which position the tail shows and compares it with the
/// tape's head (from the commit feed the page follows): how far behind it is, in events and in time.
/// </summary>
internal static class LiveTailBenchmark
{
    private static readonly TimeSpan SamplePeriod = TimeSpan.FromMilliseconds(100);

    public static async Task<string> RunAsync(bool quick)
    {
        const int Rate = 1_000;
        var rounds = quick ? 1 : 2;
        var phase = TimeSpan.FromSeconds(quick ? 3 : 10);
        await using var service = await BenchService.StartAsync().ConfigureAwait(false);
        var mediator = service.Services.GetRequiredService<IMediator>();
        var tape = service.Services.GetRequiredService<ITapeFeed>();
        var sessions = new List<Guid>();
        for (var i = 0; i < 16; i++)
        {
            var created = await mediator.Send(new CreateSessionRequest(null, $"agent-{i}", "bench-host", "cli", Label: $"agent {i}") { Context = new CommandContext(Actor: "bench") }).ConfigureAwait(false);
            sessions.Add(Guid.Parse(created.Stream["session-".Length..]));
        }

        using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath.Find(), Headless = true, Args = ["--no-sandbox"] }).ConfigureAwait(false);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = service.Address.ToString() }).ConfigureAwait(false);
        await page.GotoAsync("tape").ConfigureAwait(false);
        await page.Locator("[data-interactive=true]").WaitForAsync().ConfigureAwait(false);
        var probe = new TailProbe(page);
        await probe.InstallAsync().ConfigureAwait(false);
        using var clock = new CommitClock(tape);

        // Warm-up: the first appends and renders compile and fill caches; not what a person watching sees after a minute.
        await MeasureAsync(probe, clock, () => TranscriptLoad.RunAsync(mediator, sessions, Rate, TimeSpan.FromSeconds(2)), TimeSpan.Zero).ConfigureAwait(false);

        var idle = new List<Phase>();
        var loaded = new List<Phase>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var underLoad in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                if (underLoad)
                {
                    loaded.Add(await MeasureAsync(probe, clock, () => TranscriptLoad.RunAsync(mediator, sessions, Rate, phase), phase).ConfigureAwait(false));
                }
                else
                {
                    idle.Add(await MeasureAsync(probe, clock, null, phase).ConfigureAwait(false));
                }
            }
        }

        return Report(Rate, phase, rounds, Phase.Merge(idle), Phase.Merge(loaded));
    }

    /// <summary>One phase: the load (or, without one, the page left idle for <paramref name="duration"/>), sampled every 100 ms, then read back.</summary>
    private static async Task<Phase> MeasureAsync(TailProbe probe, CommitClock clock, Func<Task<(int Sent, int Failed, TimeSpan Elapsed)>>? load, TimeSpan duration)
    {
        await probe.ResetAsync().ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var running = load is null ? Task.Delay(duration).ContinueWith(_ => (0, 0, duration), TaskScheduler.Default) : load();
        var behindEvents = new List<long>();
        var behindMs = new List<double>();
        while (!running.IsCompleted)
        {
            var shown = await probe.ShownAsync().ConfigureAwait(false);
            var now = Stopwatch.GetTimestamp();
            behindEvents.Add(Math.Max(0, clock.Head - shown));
            behindMs.Add(clock.BehindMs(shown, now));
            await Task.WhenAny(running, Task.Delay(SamplePeriod)).ConfigureAwait(false);
        }

        var (sent, failed, elapsed) = await running.ConfigureAwait(false);
        var head = clock.Head;
        var endShown = await probe.ShownAsync().ConfigureAwait(false);
        var end = (Events: Math.Max(0, head - endShown), Ms: clock.BehindMs(endShown, Stopwatch.GetTimestamp()));
        var ended = Stopwatch.GetTimestamp();
        while (await probe.ShownAsync().ConfigureAwait(false) < head)
        {
            if (Stopwatch.GetElapsedTime(ended) > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"the tail did not reach position {head} within 30 s of the last append");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10)).ConfigureAwait(false);
        }

        var caughtUpMs = Stopwatch.GetElapsedTime(ended).TotalMilliseconds;
        var take = await probe.TakeAsync().ConfigureAwait(false);
        return new Phase(take, Stopwatch.GetElapsedTime(started), sent, failed, elapsed, [.. behindEvents], [.. behindMs], [end], [caughtUpMs]);
    }

    private static string Report(int rate, TimeSpan phase, int rounds, Phase idle, Phase loaded)
    {
        var idleGaps = new Latencies(idle.Take.FrameGaps);
        var loadGaps = new Latencies(loaded.Take.FrameGaps);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Control room, live tail in Chromium: the Tape page idle (baseline) and under {rate:N0} appends/s (open loop, in-process commands over 16 sessions), {rounds} round(s) of {phase.TotalSeconds:0} s each, alternating");
        text.AppendLine(CultureInfo.InvariantCulture, $"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"appends: {loaded.Sent:N0} sent, {loaded.Failed} failed, achieved {loaded.Sent / loaded.LoadElapsed.TotalSeconds:N0}/s (until the last answered)");
        text.AppendLine();
        text.AppendLine("| page | frames | frame gap p50 (ms) | p99 (ms) | max (ms) | long tasks | long-task time (ms) | tail DOM updates/s |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(Row("idle (baseline)", idle, idleGaps));
        text.AppendLine(Row($"{rate:N0} events/s", loaded, loadGaps));
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"frame gap under load / idle: p99 {loadGaps.P99 / idleGaps.P99:0.00}, max {loadGaps.Max / idleGaps.Max:0.00}; long-task time under load: {loaded.Take.LongTasks.Sum() / loaded.Wall.TotalSeconds:0.0} ms per second (idle {idle.Take.LongTasks.Sum() / idle.Wall.TotalSeconds:0.0})");
        var behind = new Latencies(loaded.BehindMs);
        text.AppendLine(CultureInfo.InvariantCulture, $"tail behind the head under load, sampled every {SamplePeriod.TotalMilliseconds:0} ms ({loaded.BehindMs.Length} samples): p50 {Percentile(loaded.BehindEvents, 0.5)} events / {behind.P50:0} ms, p99 {Percentile(loaded.BehindEvents, 0.99)} events / {behind.P99:0} ms, worst {loaded.BehindEvents.Max()} events / {behind.Max:0} ms");
        text.AppendLine(CultureInfo.InvariantCulture, $"at the end of each loaded phase (the last append answered): {string.Join("; ", loaded.Ends.Select(e => $"{e.Events} events / {e.Ms:0} ms behind"))}; the tail showed the head {string.Join(", ", loaded.CaughtUpMs.Select(ms => ms.ToString("0", CultureInfo.InvariantCulture)))} ms later; rows shown: {loaded.Take.Rows}");
        return text.ToString();
    }

    private static string Row(string name, Phase p, Latencies gaps) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {name} | {gaps.Count:N0} | {gaps.P50:0.0} | {gaps.P99:0.0} | {gaps.Max:0.0} | {p.Take.LongTasks.Length} | {p.Take.LongTasks.Sum():0} | {p.Take.Mutations / p.Wall.TotalSeconds:0.0} |");

    private static long Percentile(long[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>One or more phases of one kind, their samples together.</summary>
    private sealed record Phase(
        ProbeTake Take, TimeSpan Wall, int Sent, int Failed, TimeSpan LoadElapsed, long[] BehindEvents, double[] BehindMs, (long Events, double Ms)[] Ends, double[] CaughtUpMs)
    {
        public static Phase Merge(IReadOnlyList<Phase> parts) => new(
            new ProbeTake([.. parts.SelectMany(p => p.Take.FrameGaps)], [.. parts.SelectMany(p => p.Take.LongTasks)], parts.Sum(p => p.Take.Mutations), parts[^1].Take.Rows),
            TimeSpan.FromTicks(parts.Sum(p => p.Wall.Ticks)),
            parts.Sum(p => p.Sent),
            parts.Sum(p => p.Failed),
            TimeSpan.FromTicks(parts.Sum(p => p.LoadElapsed.Ticks)),
            [.. parts.SelectMany(p => p.BehindEvents)],
            [.. parts.SelectMany(p => p.BehindMs)],
            [.. parts.SelectMany(p => p.Ends)],
            [.. parts.SelectMany(p => p.CaughtUpMs)]);
    }
}
