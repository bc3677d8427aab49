using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>Runs tools/verify_proofs.py, the proof verifier written from docs/hash-chain.md alone.</summary>
internal static class ProofScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static Task<ScriptResult> RunAsync(params string[] arguments) => PythonTool.RunAsync("verify_proofs.py", "the independent proof verifier", arguments);
}

internal sealed record ScriptResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}; stdout: {Stdout}; stderr: {Stderr}";
}
