using System.Globalization;

namespace Journal.Benchmarks.Capacity;

/// <summary>Resident memory of a live process from <c>/proc/{pid}/status</c>: VmRSS now, VmHWM (its peak so far).</summary>
internal sealed record ProcMemory(long RssBytes, long PeakBytes)
{
    /// <summary>The process's memory now; null once it has exited (the file is gone or has no Vm lines).</summary>
    public static ProcMemory? Read(int pid)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        long? rss = null;
        long? peak = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return rss is { } r && peak is { } p ? new ProcMemory(r, p) : null;
    }

    private static long Kilobytes(string line) =>
        1024 * long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

/// <summary>
/// The peak resident memory of a child that is about to run to its end: VmHWM read every 50 ms while it lives. The
/// kernel's high-water mark only rises, so the last read misses at most what the process added in its last 50 ms.
/// </summary>
internal sealed class PeakWatch
{
    private Task<long>? _watching;

    public void Start(int pid) => _watching = Task.Run(async () =>
    {
        long peak = 0;
        while (ProcMemory.Read(pid) is { } memory)
        {
            peak = Math.Max(peak, memory.PeakBytes);
            await Task.Delay(50).ConfigureAwait(false);
        }

        return peak;
    });

    public Task<long> PeakAsync() => _watching ?? throw new InvalidOperationException("not started");
}
