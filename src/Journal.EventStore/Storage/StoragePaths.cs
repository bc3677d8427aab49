namespace Journal.EventStore.Storage;

/// <summary>Checks and prepares the paths the journal writes to: no <c>..</c>, owner-only permissions.</summary>
public static class StoragePaths
{
    private const UnixFileMode OwnerDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Refuses an empty path or one with a <c>..</c> segment.</summary>
    /// <exception cref="ArgumentException">The path is not acceptable; the message names <paramref name="key"/>.</exception>
    public static void Validate(string? path, string key)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"{key} must not be empty", key);
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{key} must not contain a NUL character", key);
        }

        var segments = path.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s == ".."))
        {
            throw new ArgumentException($"{key} must not contain a '..' segment: '{path}'", key);
        }
    }

    /// <summary>Creates the directory of <paramref name="filePath"/> owner-only (0700) when missing.</summary>
    public static void EnsureDirectory(string filePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(filePath));
        if (string.IsNullOrEmpty(directory) || Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerDirectory);
        }
    }

    /// <summary>Creates <paramref name="filePath"/> empty and owner-only (0600) when missing, so SQLite never creates it world-readable.</summary>
    public static void EnsureOwnerOnlyFile(string filePath)
    {
        if (File.Exists(filePath))
        {
            RestrictFile(filePath);
            return;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }

        try
        {
            using var _ = new FileStream(filePath, options);
        }
        catch (IOException) when (File.Exists(filePath))
        {
            // Another opener created it first; its mode is fixed below.
        }

        RestrictFile(filePath);
    }

    /// <summary>Sets a database file and its <c>-wal</c>, <c>-shm</c> and <c>-journal</c> companions to 0600.</summary>
    public static void RestrictDatabaseFiles(string databasePath)
    {
        foreach (var path in new[] { databasePath, databasePath + "-wal", databasePath + "-shm", databasePath + "-journal" })
        {
            if (File.Exists(path))
            {
                RestrictFile(path);
            }
        }
    }

    private static void RestrictFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (File.GetUnixFileMode(path) != OwnerFile)
        {
            File.SetUnixFileMode(path, OwnerFile);
        }
    }
}
