namespace Journal.Benchmarks.Tape;

/// <summary>Options of the <c>tape</c> verb.</summary>
/// <param name="Quick">Smaller runs (and a 100,000-event tape for verify).</param>
/// <param name="Warmups">Untimed rounds per side before the timed ones.</param>
/// <param name="Rounds">Timed rounds per side.</param>
/// <param name="Only">Scenario names to run; all when empty.</param>
internal sealed record BenchOptions(bool Quick, int Warmups, int Rounds, IReadOnlySet<string> Only)
{
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var quick = args.Contains("--quick");
        var only = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == "--only")
            {
                foreach (var name in args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    only.Add(name);
                }
            }
        }

        return new BenchOptions(quick, Warmups: 1, Rounds: quick ? 3 : 7, only);
    }

    public bool Includes(string scenario) => Only.Count == 0 || Only.Contains(scenario);
}
