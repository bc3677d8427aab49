using Journal.Domain.Errors;

namespace Journal.EventStore.Storage;

/// <summary>The tape could not be written or read (disk full, I/O error, locked file). Nothing of the failed commit was kept.</summary>
public sealed class StorageException(string message, Exception? inner = null)
    : JournalException("storage.unavailable", message, inner);
