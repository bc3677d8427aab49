using Journal.Domain.Errors;

namespace Journal.EventStore.Storage;

/// <summary>
/// The tape could not be written or read (disk full, I/O error, locked file, unreadable or corrupt file).
/// Nothing of the failed commit was kept. <see cref="JournalException.Code"/> says which:
/// <see cref="Unavailable"/>, <see cref="Full"/>, <see cref="Corrupt"/> or <see cref="Locked"/>.
/// </summary>
public sealed class StorageException(string message, Exception? inner = null, string code = StorageException.Unavailable)
    : JournalException(code, message, inner)
{
    /// <summary>The storage failed for a reason that may pass (I/O error, lock, unreadable path).</summary>
    public const string Unavailable = "storage.unavailable";

    /// <summary>The disk (or the file's size limit) is full: appends fail until space returns; reads still work.</summary>
    public const string Full = "storage.full";

    /// <summary>The file is damaged (SQLite finds a malformed page): the journal refuses to serve it.</summary>
    public const string Corrupt = "storage.corrupt";

    /// <summary>Another process holds the data directory (see <see cref="DataDirectoryLock"/>): nothing was opened or changed.</summary>
    public const string Locked = "storage.locked";

    /// <inheritdoc />
    public override bool IsRefusal => false;

    /// <summary>Wraps a SQLite failure, telling a full disk and a damaged file apart from other failures.</summary>
    public static StorageException From(string what, Microsoft.Data.Sqlite.SqliteException error) => error.SqliteErrorCode switch
    {
        SqliteFull => new StorageException($"{what}: the disk holding the journal is full ({error.Message})", error, Full),
        SqliteCorrupt or SqliteNotADatabase => new StorageException($"{what}: the file is damaged ({error.Message})", error, Corrupt),
        _ => new StorageException($"{what}: {error.Message}", error),
    };

    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteNotADatabase = 26;
}
