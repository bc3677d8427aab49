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
    private EventMetadata? _metadata = Metadata;
    private ReadOnlyMemory<byte> _encodedMetadata;
    private Func<ReadOnlyMemory<byte>, EventMetadata>? _decodeMetadata;

    /// <summary>
    /// A row whose metadata stays encoded until <see cref="Metadata"/> is first read (most readers of the
    /// tape, such as projections, never read it).
    /// </summary>
    /// <param name="seq">Gapless global position, from 1.</param>
    /// <param name="eventId">Unique event id.</param>
    /// <param name="streamId">The stream the event belongs to.</param>
    /// <param name="streamVersion">Position within the stream, from 1.</param>
    /// <param name="eventType">Stable type name.</param>
    /// <param name="recordedAt">When it was committed, unix milliseconds.</param>
    /// <param name="encodedMetadata">The metadata as stored.</param>
    /// <param name="decodeMetadata">Decodes <paramref name="encodedMetadata"/>; called at most once per read of an undecoded row.</param>
    /// <param name="payload">MessagePack payload; null once erased.</param>
    /// <param name="payloadDigest">SHA-256 of the payload bytes (kept after erasure).</param>
    /// <param name="prevHash">Hash of the event before (the genesis value for seq 1).</param>
    /// <param name="hash">This event's chain hash.</param>
    public RecordedEvent(
        long seq,
        Guid eventId,
        string streamId,
        long streamVersion,
        string eventType,
        long recordedAt,
        ReadOnlyMemory<byte> encodedMetadata,
        Func<ReadOnlyMemory<byte>, EventMetadata> decodeMetadata,
        ReadOnlyMemory<byte>? payload,
        ReadOnlyMemory<byte> payloadDigest,
        ReadOnlyMemory<byte> prevHash,
        ReadOnlyMemory<byte> hash)
        : this(seq, eventId, streamId, streamVersion, eventType, recordedAt, null!, payload, payloadDigest, prevHash, hash)
    {
        ArgumentNullException.ThrowIfNull(decodeMetadata);
        _encodedMetadata = encodedMetadata;
        _decodeMetadata = decodeMetadata;
    }

    /// <summary>The event's metadata (decoded on first read when the row was made from its stored bytes).</summary>
    public EventMetadata Metadata
    {
        get
        {
            // Two threads may both decode; they store equal values, and either is fine to keep.
            if (_metadata is null && _decodeMetadata is { } decode)
            {
                _metadata = decode(_encodedMetadata);
            }

            return _metadata!;
        }

        init
        {
            _metadata = value;
            _decodeMetadata = null;
            _encodedMetadata = default;
        }
    }

    /// <summary>
    /// The metadata's bytes as stored, when the row was read from storage and its metadata not replaced
    /// since; null otherwise. A copy of the tape writes these, so the chain hashes the same bytes.
    /// </summary>
    public ReadOnlyMemory<byte>? StoredMetadata => _decodeMetadata is null ? null : _encodedMetadata;

    /// <summary>Whether the payload was erased.</summary>
    public bool IsErased => Payload is null;

    /// <summary>Member-wise equality, as records have, with the metadata compared decoded.</summary>
    public bool Equals(RecordedEvent? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Seq == other.Seq
            && EventId == other.EventId
            && string.Equals(StreamId, other.StreamId, StringComparison.Ordinal)
            && StreamVersion == other.StreamVersion
            && string.Equals(EventType, other.EventType, StringComparison.Ordinal)
            && RecordedAt == other.RecordedAt
            && EqualityComparer<EventMetadata>.Default.Equals(Metadata, other.Metadata)
            && EqualityComparer<ReadOnlyMemory<byte>?>.Default.Equals(Payload, other.Payload)
            && PayloadDigest.Equals(other.PayloadDigest)
            && PrevHash.Equals(other.PrevHash)
            && Hash.Equals(other.Hash));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Seq);
        hash.Add(EventId);
        hash.Add(StreamId, StringComparer.Ordinal);
        hash.Add(StreamVersion);
        hash.Add(EventType, StringComparer.Ordinal);
        hash.Add(RecordedAt);
        hash.Add(Metadata);
        hash.Add(Payload);
        hash.Add(PayloadDigest);
        hash.Add(PrevHash);
        hash.Add(Hash);
        return hash.ToHashCode();
    }
}
