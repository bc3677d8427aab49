using System.Diagnostics;

namespace Journal.Api.Tests.Cli;

/// <summary>The independent verifiers in <c>tools/</c>: <c>verify_chain.py</c> on a SQLite tape file, <c>verify_proofs.py</c> on a proof.</summary>
internal static class ChainScript
{
    /// <summary>Runs the script on <paramref name="path"/>; answers its exit code and standard output (it must write nothing to standard error).</summary>
    public static Task<(int Code, string Output)> RunAsync(string path) => RunToolAsync("verify_chain.py", path);

    /// <summary>Runs <c>tools/<paramref name="script"/></c> with <paramref name="arguments"/>; answers its exit code and standard output (it must write nothing to standard error).</summary>
    public static async Task<(int Code, string Output)> RunToolAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tools", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started; install Python 3 and put python3 on PATH");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(await error == string.Empty, $"{script} wrote to stderr: " + await error);
        return (process.ExitCode, await output);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Journal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Journal.sln not found above " + AppContext.BaseDirectory);
    }
}
