using Journal.Domain.Tape;

namespace Journal.EventStore.Export;

/// <summary>A tape to copy: its journal id and every row in seq order, from any backend.</summary>
public interface ITapeExportSource
{
    /// <summary>The journal's id (absent only in SQLite files made before schema version 2).</summary>
    Guid? JournalId { get; }

    /// <summary>The rows from <paramref name="fromSeq"/> on, in seq order, erased payloads null.</summary>
    IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromSeq, CancellationToken ct);
}
