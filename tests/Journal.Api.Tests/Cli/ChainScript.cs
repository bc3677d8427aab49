using System.Diagnostics;

namespace Journal.Api.Tests.Cli;

/// <summary>The independent chain verifier, <c>tools/verify_chain.py</c>, run on a SQLite tape file.</summary>
internal static class ChainScript
{
    /// <summary>Runs the script on <paramref name="path"/>; answers its exit code and standard output (it must write nothing to standard error).</summary>
    public static async Task<(int Code, string Output)> RunAsync(string path)
    {
        var script = Path.Combine(RepositoryRoot(), "tools", "verify_chain.py");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started; install Python 3 and put python3 on PATH");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(await error == string.Empty, "verify_chain.py wrote to stderr: " + await error);
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
