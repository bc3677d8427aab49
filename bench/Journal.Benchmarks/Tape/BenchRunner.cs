using System.Diagnostics;
using System.Globalization;

namespace Journal.Benchmarks.Tape;

/// <summary>One timed side of a scenario: does its work on fresh state and returns the operations it did.</summary>
/// <param name="Prepare">Runs untimed before each round (fresh files, open connections); returns the state for Run.</param>
/// <param name="Run">The timed part; returns the number of events (rows) it wrote or read.</param>
/// <param name="Cleanup">Runs untimed after each round.</param>
internal sealed record BenchSide(Func<Task<object?>> Prepare, Func<object?, Task<long>> Run, Func<object?, Task> Cleanup);

/// <summary>Median and spread of one side's throughput over the timed rounds.</summary>
internal sealed record SideResult(double Median, double Min, double Max)
{
    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{Median:N0} ({Min:N0}–{Max:N0})");
}

/// <summary>What one scenario measured, with its floor; a reference scenario has none (it measures raw SQLite itself).</summary>
internal sealed record ScenarioResult(string Name, SideResult Ours, SideResult Raw, double Floor, bool Reference = false)
{
    public double Ratio => Ours.Median / Raw.Median;

    public bool Pass => Reference || Ratio >= Floor;

    public string Row() => Reference
        ? string.Create(CultureInfo.InvariantCulture, $"| {Name} | {Ours.Format()} | {Raw.Format()} | {Ratio:0.00} | - | reference |")
        : string.Create(
            CultureInfo.InvariantCulture,
            $"| {Name} | {Ours.Format()} | {Raw.Format()} | {Ratio:0.00} | >= {Floor:0.##} | {(Pass ? "pass" : "FAIL")} |");

    public static string Header =>
        "| scenario | ours (events/s, median (min–max)) | raw (rows/s, median (min–max)) | ratio | floor | result |" + Environment.NewLine +
        "|---|---:|---:|---:|---:|---|";
}

/// <summary>
/// The shared runner: warm-up rounds, then timed rounds in which ours and the raw baseline alternate
/// (ours first on even rounds, raw first on odd ones) so that drift of the machine hits both alike.
/// </summary>
internal static class BenchRunner
{
    public static async Task<ScenarioResult> RunAsync(string name, double floor, int warmups, int rounds, BenchSide ours, BenchSide raw, bool reference = false)
    {
        for (var i = 0; i < warmups; i++)
        {
            await OnceAsync(ours).ConfigureAwait(false);
            await OnceAsync(raw).ConfigureAwait(false);
        }

        var oursRates = new List<double>(rounds);
        var rawRates = new List<double>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            if (i % 2 == 0)
            {
                oursRates.Add(await OnceAsync(ours).ConfigureAwait(false));
                rawRates.Add(await OnceAsync(raw).ConfigureAwait(false));
            }
            else
            {
                rawRates.Add(await OnceAsync(raw).ConfigureAwait(false));
                oursRates.Add(await OnceAsync(ours).ConfigureAwait(false));
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} round {i + 1}/{rounds}: ours {oursRates[^1]:N0}/s, raw {rawRates[^1]:N0}/s"));
        }

        return new ScenarioResult(name, Summarize(oursRates), Summarize(rawRates), floor, reference);
    }

    internal static async Task<double> OnceAsync(BenchSide side)
    {
        var state = await side.Prepare().ConfigureAwait(false);
        try
        {
            // Settle the heap so that one side's garbage is not collected on the other's clock.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var operations = await side.Run(state).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (Environment.GetEnvironmentVariable("JOURNAL_BENCH_CPU") is not null)
            {
                var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    cpu {used.TotalMicroseconds / operations:0.0} us/op over {elapsed.TotalMicroseconds / operations:0.0} us/op wall"));
            }
            return operations / elapsed.TotalSeconds;
        }
        finally
        {
            await side.Cleanup(state).ConfigureAwait(false);
        }
    }

    internal static SideResult Summarize(List<double> rates)
    {
        var sorted = rates.Order().ToArray();
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new SideResult(median, sorted[0], sorted[^1]);
    }
}
