using Journal.EventStore.Storage;

namespace Journal.Api.Cli;

/// <summary>
/// The lock of the verbs that write the tape or the read models behind a service's back (restore,
/// replay): they take the service's own <see cref="DataDirectoryLock"/> for their run, so they refuse
/// while a service (or another such verb) holds the data directory, and a service cannot start under them.
/// </summary>
internal static class OfflineLock
{
    /// <summary>Holds the tape's directory, and the read models' when they live elsewhere, until disposed.</summary>
    /// <exception cref="StorageException">A directory is held by another process (the message says which, and that nothing changed), or cannot be locked.</exception>
    public static IDisposable Acquire(string verb, string tapePath, string? projectionsPath)
    {
        var held = new List<DataDirectoryLock>();
        try
        {
            held.Add(Take(verb, tapePath));
            if (projectionsPath is not null
                && !string.Equals(Path.GetDirectoryName(Path.GetFullPath(projectionsPath)), held[0].Directory, StringComparison.Ordinal))
            {
                held.Add(Take(verb, projectionsPath));
            }

            return new Held(held);
        }
        catch
        {
            held.ForEach(l => l.Dispose());
            throw;
        }
    }

    private static DataDirectoryLock Take(string verb, string path)
    {
        try
        {
            return DataDirectoryLock.Acquire(path);
        }
        catch (StorageException ex) when (ex.Code == StorageException.Locked)
        {
            throw new StorageException($"{verb} refused: {ex.Message}; nothing was changed", ex, ex.Code);
        }
    }

    private sealed class Held(List<DataDirectoryLock> locks) : IDisposable
    {
        public void Dispose() => locks.ForEach(l => l.Dispose());
    }
}
