using System.Globalization;
using Journal.Benchmarks.Tape;

namespace Journal.Benchmarks.Postgres;

/// <summary>One labelled side of a PostgreSQL scenario.</summary>
internal sealed record PgSide(string Label, BenchSide Side);

/// <summary>
/// <see cref="BenchRunner"/> for more than two sides: warm-up rounds, then timed rounds in which every side runs
/// once, the order rotated by one each round, so that drift of the machine (and of the shared server) hits all alike.
/// </summary>
internal static class PgRunner
{
    public static async Task<IReadOnlyDictionary<string, SideResult>> RunAsync(string name, int warmups, int rounds, IReadOnlyList<PgSide> sides)
    {
        for (var i = 0; i < warmups; i++)
        {
            foreach (var side in sides)
            {
                await BenchRunner.OnceAsync(side.Side).ConfigureAwait(false);
            }
        }

        var rates = sides.ToDictionary(s => s.Label, _ => new List<double>(rounds), StringComparer.Ordinal);
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < sides.Count; k++)
            {
                var side = sides[(round + k) % sides.Count];
                rates[side.Label].Add(await BenchRunner.OnceAsync(side.Side).ConfigureAwait(false));
            }

            var line = string.Join(", ", sides.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Label} {rates[s.Label][^1]:N0}/s")));
            Console.Error.WriteLine($"  {name} round {round + 1}/{rounds}: {line}");
        }

        return rates.ToDictionary(r => r.Key, r => BenchRunner.Summarize(r.Value), StringComparer.Ordinal);
    }
}
