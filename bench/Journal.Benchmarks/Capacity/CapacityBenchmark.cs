using System.Globalization;

namespace Journal.Benchmarks.Capacity;

/// <summary>
/// The <c>capacity</c> verb (issue 21): builds (or reuses) mixed tapes of each size through the domain, measures
/// the real service from outside on a copy of each, and prints every figure at each size side by side with the
/// ratio of the largest to the smallest and the issue's bound.
/// </summary>
internal static class CapacityBenchmark
{
    private static readonly long[] Full = [1_000_000, 10_000_000];
    private static readonly long[] Quick = [100_000, 1_000_000];

    public static async Task<int> RunAsync(string[] args)
    {
        long[] sizes;
        JournalExecutable executable;
        try
        {
            sizes = Sizes(args);
            executable = JournalExecutable.Find(args);
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        var tapes = new List<CapacityTapeInfo>(sizes.Length);
        foreach (var size in sizes)
        {
            tapes.Add(await CapacityTape.EnsureAsync(size, CancellationToken.None).ConfigureAwait(false));
        }

        foreach (var tape in tapes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tape {tape.Events:N0} events: {tape.TapeBytes / 1e6:N0} MB, {tape.BytesPerEvent:0} bytes per event, long session {tape.LongSessionEntries:N0} entries ({tape.Directory})"));
        }

        if (args.Contains("--build-only"))
        {
            return 0;
        }

        Console.WriteLine($"service: dotnet {executable.Dll}");
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        var figures = new List<CapacityFigures>(tapes.Count);
        foreach (var tape in tapes)
        {
            figures.Add(await CapacityRun.MeasureAsync(executable, tape, CancellationToken.None).ConfigureAwait(false));
        }

        Console.WriteLine($"load average at the start: {load}; at the end: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown")} ({Environment.ProcessorCount} cores)");
        Console.WriteLine("warm: a restart after the first start, the page cache as that process left it; partly cold: the copy's pages dropped with posix_fadvise(DONTNEED) after fsync, the runtime and binaries still cached.");
        var (table, allMet) = CapacityTable.Format(figures);
        Console.WriteLine(table);
        return allMet ? 0 : 1;
    }

    private static long[] Sizes(string[] args)
    {
        var at = Array.IndexOf(args, "--sizes");
        if (at < 0)
        {
            return args.Contains("--quick") ? Quick : Full;
        }

        if (at + 1 >= args.Length)
        {
            throw new FormatException("--sizes takes a comma-separated list of event counts, for example 1000000,10000000");
        }

        var sizes = args[at + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 100_000
                ? n
                : throw new FormatException($"--sizes: '{s}' is not an event count of 100000 or more"))
            .Distinct()
            .Order()
            .ToArray();
        return sizes.Length > 0 ? sizes : throw new FormatException("--sizes names no size");
    }
}
