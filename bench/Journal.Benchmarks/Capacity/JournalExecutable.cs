using System.Diagnostics;

namespace Journal.Benchmarks.Capacity;

/// <summary>
/// The service's own executable, run as a user runs it: <c>dotnet Journal.Api.dll [verb] [options]</c>. By default the
/// Release (or Debug) build of src/Journal.Api in this repository, else the copy beside the benchmark; <c>--service PATH</c>
/// names another build (for a before/after comparison).
/// </summary>
internal sealed class JournalExecutable(string dll)
{
    public string Dll { get; } = dll;

    public static JournalExecutable Find(string[] args)
    {
        var at = Array.IndexOf(args, "--service");
        if (at >= 0)
        {
            return at + 1 < args.Length && File.Exists(args[at + 1])
                ? new JournalExecutable(Path.GetFullPath(args[at + 1]))
                : throw new FormatException("--service takes the path of an existing Journal.Api.dll");
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Release";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var built = Path.Combine(directory.FullName, "src", "Journal.Api", "bin", configuration, "net10.0", "Journal.Api.dll");
            if (File.Exists(Path.Combine(directory.FullName, "Journal.sln")) && File.Exists(built))
            {
                return new JournalExecutable(built);
            }
        }

        return new JournalExecutable(Path.Combine(AppContext.BaseDirectory, "Journal.Api.dll"));
    }

    /// <summary>A start of the executable with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, output captured.</summary>
    public ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return info;
    }

    /// <summary>Runs a verb to its end; the wall time from start to exit, the exit code and what it printed.</summary>
    public async Task<VerbRun> RunVerbAsync(string workingDirectory, IEnumerable<string> arguments, Action<int>? whileRunning, CancellationToken ct)
    {
        using var process = new Process { StartInfo = StartInfo(workingDirectory, arguments) };
        var started = Stopwatch.StartNew();
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        whileRunning?.Invoke(process.Id);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        var elapsed = started.Elapsed;
        return new VerbRun(elapsed, process.ExitCode, await output.ConfigureAwait(false) + await error.ConfigureAwait(false));
    }
}

/// <summary>One verb run.</summary>
internal sealed record VerbRun(TimeSpan Elapsed, int ExitCode, string Output);
