using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Journal.EventStore.Tests.Support;

/// <summary>Runs a script of tools/ with python3: the independent verifiers, written from docs/hash-chain.md alone.</summary>
internal static class PythonTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <c>tools/<paramref name="name"/></c> with <paramref name="arguments"/>; fails the test when python3 cannot start or the script hangs.</summary>
    public static async Task<Merkle.ScriptResult> RunAsync(string name, string what, IReadOnlyList<string> arguments)
    {
        var script = RepositoryRoot.File("tools", name);
        Assert.True(File.Exists(script), $"{what} is missing: {script}");

        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Exception error) when (error is Win32Exception or InvalidOperationException)
        {
            Assert.Fail($"python3 could not be started, so {what} could not run ({error.Message}). Install Python 3 and put python3 on PATH.");
            throw; // unreachable: Assert.Fail throws
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"python3 {script} did not finish within {Timeout.TotalSeconds} s");
            }

            return new Merkle.ScriptResult(process.ExitCode, await stdout, await stderr);
        }
    }
}
