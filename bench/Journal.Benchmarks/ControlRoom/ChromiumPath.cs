namespace Journal.Benchmarks.ControlRoom;

/// <summary>The Chromium the browser bench drives, as the UI tests find it: <c>JOURNAL_CHROMIUM</c>, else <c>chromium</c> on the PATH.</summary>
internal static class ChromiumPath
{
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("JOURNAL_CHROMIUM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"JOURNAL_CHROMIUM is '{configured}', which is not a file.");
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "chromium");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Chromium not found: install Debian's package (apt-get install -y chromium) or set JOURNAL_CHROMIUM to a Chromium executable.");
    }
}
