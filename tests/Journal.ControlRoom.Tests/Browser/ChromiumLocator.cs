using System.Diagnostics;

namespace Journal.ControlRoom.Tests.Browser;

/// <summary>
/// Finds the Chromium the browser tests drive: <c>JOURNAL_CHROMIUM</c>, else <c>chromium</c> on the PATH. When there
/// is none and the tests run as root on Debian, Debian's <c>chromium</c> package is installed once, under a lock file
/// that parallel test processes share; otherwise the tests fail with one line saying how to install it. Playwright's
/// own browser download is never used.
/// </summary>
internal static class ChromiumLocator
{
    public const string Variable = "JOURNAL_CHROMIUM";

    private const string HowTo = "Chromium not found: install Debian's package (apt-get install -y chromium) or set JOURNAL_CHROMIUM to a Chromium executable.";

    private static readonly TimeSpan InstallLimit = TimeSpan.FromMinutes(15);

    public static string Find() => Find(Environment.GetEnvironmentVariable);

    /// <summary>Finds Chromium reading the environment through <paramref name="environment"/> (a test gives its own).</summary>
    public static string Find(Func<string, string?> environment)
    {
        var configured = environment(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"{Variable} is '{configured}', which is not a file. {HowTo}");
        }

        if (OnPath("chromium", environment) is { } found)
        {
            return found;
        }

        if (!Environment.IsPrivilegedProcess || !File.Exists("/etc/debian_version"))
        {
            throw new InvalidOperationException(HowTo);
        }

        InstallOnce();
        return OnPath("chromium") ?? throw new InvalidOperationException($"apt-get installed chromium but it is not on the PATH. {HowTo}");
    }

    private static string? OnPath(string command, Func<string, string?>? environment = null) =>
        ((environment ?? Environment.GetEnvironmentVariable)("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);

    /// <summary>Installs the package while holding the lock file; a process that waited finds it installed and does nothing.</summary>
    private static void InstallOnce()
    {
        using var held = AcquireLock(Path.Combine(Path.GetTempPath(), "journal-chromium-install.lock"));
        if (OnPath("chromium") is not null)
        {
            return;
        }

        if (!AptGet("install -y --no-install-recommends chromium"))
        {
            // A fresh machine has no package lists yet.
            if (!AptGet("update") || !AptGet("install -y --no-install-recommends chromium"))
            {
                throw new InvalidOperationException($"apt-get could not install chromium. {HowTo}");
            }
        }
    }

    /// <summary>
    /// Takes the lock file exclusively. .NET offers no blocking wait on a file lock, so another holder is polled for
    /// (it is installing the browser); this orders processes, not test steps.
    /// </summary>
    private static FileStream AcquireLock(string path)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < InstallLimit)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    private static bool AptGet(string arguments)
    {
        var start = new ProcessStartInfo("apt-get", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"apt-get could not be started. {HowTo}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(InstallLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"apt-get {arguments} took longer than {InstallLimit.TotalMinutes} minutes. {HowTo}");
        }

        _ = output.Result;
        _ = error.Result;
        return process.ExitCode == 0;
    }
}
