namespace Journal.Domain.Tape;

/// <summary>The newest event of the tape: its position and chain hash (the genesis hash and 0 when empty).</summary>
/// <param name="Seq">Highest committed position.</param>
/// <param name="Hash">Its chain hash.</param>
public sealed record TapeHead(long Seq, ReadOnlyMemory<byte> Hash);

/// <summary>Direction of a stream read.</summary>
public enum ReadDirection
{
    /// <summary>Oldest first.</summary>
    Forward,

    /// <summary>Newest first.</summary>
    Backward,
}

/// <summary>A page of one stream.</summary>
/// <param name="Stream">The stream read.</param>
/// <param name="Events">The events of the page, in the direction read.</param>
/// <param name="StreamVersion">The stream's current version (0 when it does not exist).</param>
/// <param name="NextVersion">The version to read from for the next page; null at the end.</param>
public sealed record StreamSlice(StreamId Stream, IReadOnlyList<RecordedEvent> Events, long StreamVersion, long? NextVersion);
