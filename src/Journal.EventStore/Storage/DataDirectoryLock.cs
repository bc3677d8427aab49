namespace Journal.EventStore.Storage;

/// <summary>
/// An exclusive OS lock on <see cref="FileName"/> in the directory of the tape file a process uses: the
/// service holds it for its lifetime, and the admin verbs that write the tape or the read models behind
/// a service's back (restore, replay) take it for their run, so neither runs over the other. The lock is
/// the operating system's (<c>flock</c> on Unix, a share-none handle on Windows): it goes when the
/// holder's handle closes, by <see cref="Dispose"/> or by the process dying, so a crash never leaves a
/// stale lock behind. The file itself stays (empty, owner-only); only the lock on it matters.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    /// <summary>The lock file's name, in the tape's directory.</summary>
    public const string FileName = "journal.lock";

    private readonly FileStream _handle;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DataDirectoryLock(string directory, FileStream handle)
    {
        Directory = directory;
        _handle = handle;
    }

    /// <summary>Full path of the directory held.</summary>
    public string Directory { get; }

    /// <summary>
    /// Completes once the lock is let go. A host disposed from two threads at once (its entry point and a test's
    /// <c>WebApplicationFactory</c>) returns from the second disposal while the first is still running; whoever
    /// opens the directory next waits on this, not on the disposal.
    /// </summary>
    public Task Released => _released.Task;

    /// <summary>Full path of the lock file.</summary>
    public string LockPath => _handle.Name;

    /// <summary>Takes the lock on the directory of <paramref name="tapePath"/> (creating the directory 0700 and the lock file 0600 when missing).</summary>
    /// <exception cref="StorageException">
    /// <see cref="StorageException.Locked"/>: another process (or another holder in this one) has the directory;
    /// <see cref="StorageException.Unavailable"/>: the lock file cannot be created or opened. Both name the path.
    /// </exception>
    public static DataDirectoryLock Acquire(string tapePath)
    {
        StoragePaths.Validate(tapePath, "db");
        var full = Path.GetFullPath(tapePath);
        var directory = Path.GetDirectoryName(full) ?? full;
        var path = Path.Combine(directory, FileName);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            StoragePaths.EnsureDirectory(full);
            var handle = new FileStream(path, options);
            StoragePaths.EnsureOwnerOnlyFile(path);
            return new DataDirectoryLock(directory, handle);
        }
        catch (IOException ex) when (ex.GetType() == typeof(IOException) && File.Exists(path))
        {
            // A plain IOException on an existing file is the share violation (EWOULDBLOCK from flock).
            throw new StorageException(
                $"the data directory '{directory}' is in use by another Journal process (a running service, restore or replay holds '{FileName}'); stop it first",
                ex,
                StorageException.Locked);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"the journal cannot create or open '{full}' (data directory '{directory}'): its lock file '{path}': {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _handle.Dispose();
        _released.TrySetResult();
    }
}
