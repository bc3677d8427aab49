using System.Diagnostics;
using System.Globalization;
using Journal.Reliability.Tests.Support;

namespace Journal.Reliability.Tests.Crash;

/// <summary>One acknowledged append, as the child printed it.</summary>
public sealed record Ack(long Position, Guid EntryId, string Text);

/// <summary>Runs tests/Journal.CrashChild against a tape and kills it with SIGKILL after a number of acknowledgements.</summary>
public static class CrashChildProcess
{
    /// <summary>
    /// Starts the child, waits (by reading its output, never by sleeping) for <paramref name="acksBeforeKill"/>
    /// acknowledgements, kills the whole process tree, and answers every acknowledgement it printed before dying.
    /// </summary>
    public static async Task<List<Ack>> RunAndKillAsync(string tapePath, int writers, string label, int acksBeforeKill, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Repository.CrashChildDll, tapePath, writers.ToString(CultureInfo.InvariantCulture), label })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("the child did not start");
        var errors = process.StandardError.ReadToEndAsync();
        var acks = new List<Ack>();
        using var deadline = new CancellationTokenSource(timeout);
        var killed = false;
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line.StartsWith("ack ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ');
                    acks.Add(new Ack(long.Parse(parts[1], CultureInfo.InvariantCulture), Guid.ParseExact(parts[2], "N"), parts[3]));
                }

                if (!killed && acks.Count >= acksBeforeKill)
                {
                    process.Kill(entireProcessTree: true);
                    killed = true;
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await process.WaitForExitAsync(deadline.Token);
        if (!killed)
        {
            throw new InvalidOperationException($"the child ended by itself (exit {process.ExitCode}) after {acks.Count} acks: {await errors}");
        }

        // SIGKILL: the runtime had no chance to flush, close or checkpoint anything.
        Assert.Equal(128 + 9, process.ExitCode);
        return acks;
    }
}
