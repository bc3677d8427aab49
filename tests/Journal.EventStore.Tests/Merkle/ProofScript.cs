using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>Runs tools/verify_proofs.py, the proof verifier written from docs/hash-chain.md alone.</summary>
internal static class ProofScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<ScriptResult> RunAsync(params string[] arguments)
    {
        var script = RepositoryRoot.File("tools", "verify_proofs.py");
        Assert.True(File.Exists(script), $"the independent proof verifier is missing: {script}");

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
            Assert.Fail($"python3 could not be started, so the independent proof verifier could not run ({error.Message}). Install Python 3 and put python3 on PATH.");
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

            return new ScriptResult(process.ExitCode, await stdout, await stderr);
        }
    }
}

internal sealed record ScriptResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}; stdout: {Stdout}; stderr: {Stderr}";
}
