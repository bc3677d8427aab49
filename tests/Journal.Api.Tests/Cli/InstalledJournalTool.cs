using System.Diagnostics;

namespace Journal.Api.Tests.Cli;

/// <summary>
/// The admin verbs as the README installs them: src/Journal.Api packed as the .NET tool <c>Journal.Tool</c> and
/// installed into a tool path of its own, once per test class (packing is slow).
/// </summary>
public sealed class InstalledJournalTool : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>The fixture's own directory: the package source and the tool path.</summary>
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "journal-tool-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The installed command, as a shell would find it on PATH.</summary>
    public string Command => Path.Combine(Directory, "tools", "journal");

    public async Task InitializeAsync()
    {
        var packages = Path.Combine(Directory, "packages");
        // --no-build: the test run has just built the service, in the configuration the tests run in.
        await MustAsync("dotnet", Directory, "pack", Path.Combine(RepositoryRoot(), "src", "Journal.Api"), "-c", Configuration(), "--no-build", "-o", packages);
        // --source replaces every configured source: only the package just made is looked for, so no network is needed.
        await MustAsync("dotnet", Directory, "tool", "install", "Journal.Tool", "--tool-path", Path.Combine(Directory, "tools"), "--source", packages);
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Runs the installed <c>journal</c> in <paramref name="workingDirectory"/>.</summary>
    public Task<(int Code, string Output, string Error)> RunAsync(string workingDirectory, params string[] arguments) =>
        RunProcessAsync(Command, workingDirectory, arguments);

    private static async Task MustAsync(string program, string workingDirectory, params string[] arguments)
    {
        var (code, output, error) = await RunProcessAsync(program, workingDirectory, arguments);
        Assert.True(code == 0, $"{program} {string.Join(' ', arguments)} exited {code}:{Environment.NewLine}{output}{error}");
    }

    private static async Task<(int Code, string Output, string Error)> RunProcessAsync(string program, string workingDirectory, string[] arguments)
    {
        System.IO.Directory.CreateDirectory(workingDirectory);
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The test host runs inside MSBuild's environment; a nested dotnet must not inherit it.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {Patience}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>The configuration the tests were built in (the service was built with them).</summary>
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

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
