using System.Runtime.InteropServices;

namespace Journal.Benchmarks.Projections;

/// <summary>Options of the <c>projections</c> verb.</summary>
/// <param name="Quick">A 100,000-event replay and 5 s of live appends.</param>
/// <param name="Warmups">Untimed replay rounds per side.</param>
/// <param name="ReplayRounds">Timed replay rounds per side.</param>
/// <param name="Only">Scenario names to run; all when empty.</param>
internal sealed record ProjectionBenchOptions(bool Quick, int Warmups, int ReplayRounds, IReadOnlySet<string> Only)
{
    public static ProjectionBenchOptions Parse(IReadOnlyList<string> args)
    {
        var only = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == "--only")
            {
                only.UnionWith(args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        var quick = args.Contains("--quick");
        return new ProjectionBenchOptions(quick, Warmups: 1, ReplayRounds: 3, only);
    }

    public bool Includes(string scenario) => Only.Count == 0 || Only.Contains(scenario);
}

/// <summary>The <c>projections</c> verb: replay of every read model and live lag, each beside its raw baseline.</summary>
internal static class ProjectionBenchmarks
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = ProjectionBenchOptions.Parse(args);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(options.Quick ? "quick" : "full")} run, load average {LoadAverage()} at start");
        Console.WriteLine();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var pass = true;
        if (options.Includes("replay-1m"))
        {
            Console.Error.WriteLine("replay...");
            var replay = await ReplayScenario.RunAsync(options).ConfigureAwait(false);
            Console.WriteLine($"Replay ({options.ReplayRounds} timed rounds after {options.Warmups} warm-up, rounds alternate; projections: {string.Join(", ", replay.Projections)}):");
            Console.WriteLine();
            Console.WriteLine(ReplayScenario.Table(replay));
            Console.WriteLine();
            pass &= replay.Pass;
        }

        if (options.Includes("live-lag"))
        {
            Console.Error.WriteLine("live-lag...");
            var lag = await LiveLagScenario.RunAsync(options).ConfigureAwait(false);
            Console.WriteLine("Live lag:");
            Console.WriteLine();
            Console.WriteLine(LiveLagScenario.Table(lag));
            Console.WriteLine();
            pass &= lag.Pass;
        }

        Console.WriteLine($"Total time: {started.Elapsed.TotalSeconds:0} s, load average {LoadAverage()} at the end");
        return pass ? 0 : 1;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
