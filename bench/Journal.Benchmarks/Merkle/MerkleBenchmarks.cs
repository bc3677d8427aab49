using System.Runtime.InteropServices;
using Journal.Benchmarks.Tape;

namespace Journal.Benchmarks.Merkle;

/// <summary>
/// The <c>merkle</c> verb (issue 23): building the tree of an existing tape against a raw read of its (seq, hash)
/// column; inclusion and consistency proofs at the head of that tape against one raw SQLite point read; append-16
/// with the tree on against off. Each against its baseline in the same run, alternated.
/// </summary>
internal static class MerkleBenchmarks
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = BenchOptions.Parse(args);
        var events = options.Quick ? 100_000 : 1_000_000;
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(options.Quick ? "quick" : "full")} run, {events:N0}-event tape, {options.Rounds} timed rounds");
        Console.WriteLine();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var pass = true;
        var tape = await Verify1mScenario.EnsureTapeAsync(events).ConfigureAwait(false);
        if (options.Includes("build"))
        {
            Console.Error.WriteLine("build...");
            var build = await MerkleBuildScenario.RunAsync(tape, events, options).ConfigureAwait(false);
            Console.WriteLine(build.Table());
            pass &= build.Pass;
        }

        if (options.Includes("proofs"))
        {
            Console.Error.WriteLine("proofs...");
            var proofs = await MerkleProofScenario.RunAsync(tape, events, options).ConfigureAwait(false);
            Console.WriteLine(proofs.Table());
            pass &= proofs.Pass;
        }

        if (options.Includes("append-16"))
        {
            Console.Error.WriteLine("append-16...");
            var append = await MerkleAppendScenario.RunAsync(options).ConfigureAwait(false);
            Console.WriteLine(ScenarioResult.Header.Replace("| ours (events/s", "| tree on (events/s", StringComparison.Ordinal).Replace("| raw (rows/s", "| tree off (events/s", StringComparison.Ordinal));
            Console.WriteLine(append.Row());
            Console.WriteLine();
            pass &= append.Pass;
        }

        Console.WriteLine($"Total time: {started.Elapsed.TotalSeconds:0} s");
        return pass ? 0 : 1;
    }
}
