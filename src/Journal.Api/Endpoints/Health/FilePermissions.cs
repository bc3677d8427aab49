namespace Journal.Api.Endpoints.Health;

/// <summary>The mode of one of the journal's files, and whether only its owner may use it.</summary>
/// <param name="Name">The file's name (directories end with <c>/</c>).</param>
/// <param name="Mode">Its Unix mode in octal, such as <c>600</c>; null where the platform has none.</param>
/// <param name="OwnerOnly">True when neither group nor others have any permission.</param>
public sealed record FilePermission(string Name, string? Mode, bool OwnerOnly);

/// <summary>Checks that the data directory and the journal's files are owner-only (0700 and 0600).</summary>
internal static class FilePermissions
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The directory and every journal file in it (the tape, the read models and their WAL and shared-memory files).</summary>
    public static IReadOnlyList<FilePermission> Check(string databasePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath)) ?? ".";
        if (!Directory.Exists(directory))
        {
            // In memory, before the first snapshot: nothing on disk yet.
            return [];
        }

        var results = new List<FilePermission> { Of(directory, Path.GetFileName(directory) + "/") };
        foreach (var file in Directory.EnumerateFiles(directory, "*.db*").Order(StringComparer.Ordinal))
        {
            results.Add(Of(file, Path.GetFileName(file)));
        }

        return results;
    }

    private static FilePermission Of(string path, string name)
    {
        if (OperatingSystem.IsWindows())
        {
            return new FilePermission(name, null, true);
        }

        var mode = File.GetUnixFileMode(path);
        return new FilePermission(name, Convert.ToString((int)mode & 0x1FF, 8), (mode & GroupOrOther) == 0);
    }
}
