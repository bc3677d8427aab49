namespace Journal.EventStore.Verification;

/// <summary>
/// A forward cursor over tape rows in seq order. The current row's columns are read as spans valid until the
/// next <see cref="MoveNextAsync"/>; text columns as their UTF-8 bytes, the event id as stored.
/// </summary>
internal interface IChainRows : IAsyncDisposable
{
    /// <summary>Moves to the next row; false after the last.</summary>
    ValueTask<bool> MoveNextAsync(CancellationToken ct);

    /// <summary>The row's position.</summary>
    long Seq { get; }

    /// <summary>The event id bytes (16 on a sound row).</summary>
    ReadOnlySpan<byte> EventId { get; }

    /// <summary>The stream id's UTF-8 bytes.</summary>
    ReadOnlySpan<byte> StreamId { get; }

    /// <summary>The stream version.</summary>
    long StreamVersion { get; }

    /// <summary>The event type's UTF-8 bytes.</summary>
    ReadOnlySpan<byte> EventType { get; }

    /// <summary>Unix milliseconds.</summary>
    long RecordedAt { get; }

    /// <summary>The stored metadata bytes.</summary>
    ReadOnlySpan<byte> Metadata { get; }

    /// <summary>Whether the payload is NULL (erased).</summary>
    bool PayloadErased { get; }

    /// <summary>The payload bytes; empty when erased.</summary>
    ReadOnlySpan<byte> Payload { get; }

    /// <summary>The stored payload digest.</summary>
    ReadOnlySpan<byte> PayloadDigest { get; }

    /// <summary>The stored prev_hash.</summary>
    ReadOnlySpan<byte> PrevHash { get; }

    /// <summary>The stored hash.</summary>
    ReadOnlySpan<byte> Hash { get; }

    /// <summary>Whether the seq column is not stored as the tape's type; says what was expected and found.</summary>
    bool SeqMisplaced(out string expected, out string found);

    /// <summary>Whether a column after seq is not stored as the tape's type (a NULL payload is allowed); says which.</summary>
    bool ColumnMisplaced(out string expected, out string found);
}
