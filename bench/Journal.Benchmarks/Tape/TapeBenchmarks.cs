using System.Runtime.InteropServices;

namespace Journal.Benchmarks.Tape;

/// <summary>
/// The <c>tape</c> verb: every scenario, ours against the raw baseline, as a markdown table. The <c>encode</c>
/// micro benchmark runs first and compares the streaming encoder (ours) with the old JSON-tree path (raw).
/// </summary>
internal static class TapeBenchmarks
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = BenchOptions.Parse(args);
        var scenarios = new (string Name, Func<BenchOptions, Task<ScenarioResult>> Run)[]
        {
            ("append-1", Append1Scenario.RunAsync),
            ("append-16", Append16Scenario.RunAsync),
            ("append-16-ceiling", Append16Scenario.CeilingAsync),
            ("append-100", Append100Scenario.RunAsync),
            ("verify-1m", Verify1mScenario.RunAsync),
            ("backup-1m", BackupScenario.RunAsync),
        };

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(options.Quick ? "quick" : "full")} run, {options.Rounds} timed rounds (median, min–max)");
        Console.WriteLine();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var results = new List<ScenarioResult>();
        if (options.Includes("encode"))
        {
            Console.Error.WriteLine("encode...");
            results.AddRange(await EncodeScenario.RunAsync(options).ConfigureAwait(false));
        }

        foreach (var (name, run) in scenarios)
        {
            if (options.Includes(name))
            {
                Console.Error.WriteLine($"{name}...");
                results.Add(await run(options).ConfigureAwait(false));
            }
        }

        Console.WriteLine(ScenarioResult.Header);
        foreach (var result in results)
        {
            Console.WriteLine(result.Row());
        }

        Console.WriteLine();
        Console.WriteLine($"Total time: {started.Elapsed.TotalSeconds:0} s");
        return results.All(r => r.Pass) ? 0 : 1;
    }
}
