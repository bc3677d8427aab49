using System.Text.Json;
using Microsoft.Playwright;

namespace Journal.Benchmarks.ControlRoom;

/// <summary>What the probe measured in the page during one phase.</summary>
/// <param name="FrameGaps">Milliseconds between consecutive animation frames.</param>
/// <param name="LongTasks">Durations (ms) of the long tasks the Long Tasks API reported.</param>
/// <param name="Mutations">Batches of DOM changes in the tail's table body.</param>
/// <param name="Rows">Rows in the tail at the end.</param>
internal sealed record ProbeTake(double[] FrameGaps, double[] LongTasks, int Mutations, int Rows);

/// <summary>The in-page side of the live-tail bench: <c>live-tail-probe.js</c>, installed in the Tape page and read back.</summary>
internal sealed class TailProbe(IPage page)
{
    private static readonly string Script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ControlRoom", "live-tail-probe.js"));

    public Task InstallAsync() => page.EvaluateAsync(Script);

    public Task ResetAsync() => page.EvaluateAsync("() => window.__tailProbe.reset()");

    /// <summary>The position of the newest event the tail shows.</summary>
    public async Task<long> ShownAsync() => (long)await page.EvaluateAsync<double>("() => window.__tailProbe.top()");

    public async Task<ProbeTake> TakeAsync()
    {
        var taken = await page.EvaluateAsync<JsonElement>("() => window.__tailProbe.take()");
        return new ProbeTake(
            [.. taken.GetProperty("gaps").EnumerateArray().Select(g => g.GetDouble())],
            [.. taken.GetProperty("longTasks").EnumerateArray().Select(g => g.GetDouble())],
            taken.GetProperty("mutations").GetInt32(),
            taken.GetProperty("rows").GetInt32());
    }
}
