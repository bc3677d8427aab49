namespace Journal.Domain.Tape;

/// <summary>One row of the tape, as stored.</summary>
/// <param name="Seq">Gapless global position, from 1.</param>
/// <param name="EventId">Unique event id.</param>
/// <param name="StreamId">The stream the event belongs to.</param>
/// <param name="StreamVersion">Position within the stream, from 1.</param>
/// <param name="EventType">Stable type name.</param>
/// <param name="RecordedAt">When it was committed, unix milliseconds.</param>
/// <param name="Metadata">The event's metadata.</param>
/// <param name="Payload">MessagePack payload; null once erased.</param>
/// <param name="PayloadDigest">SHA-256 of the payload bytes (kept after erasure).</param>
/// <param name="PrevHash">Hash of the event before (the genesis value for seq 1).</param>
/// <param name="Hash">This event's chain hash.</param>
public sealed record RecordedEvent(
    long Seq,
    Guid EventId,
    string StreamId,
    long StreamVersion,
    string EventType,
    long RecordedAt,
    EventMetadata Metadata,
    ReadOnlyMemory<byte>? Payload,
    ReadOnlyMemory<byte> PayloadDigest,
    ReadOnlyMemory<byte> PrevHash,
    ReadOnlyMemory<byte> Hash)
{
    /// <summary>Whether the payload was erased.</summary>
    public bool IsErased => Payload is null;
}
