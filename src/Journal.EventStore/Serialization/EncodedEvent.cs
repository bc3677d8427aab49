namespace Journal.EventStore.Serialization;

/// <summary>An event made ready for the tape: redacted, encoded, digested. Built by callers, outside the writer.</summary>
/// <param name="EventType">Tape type name.</param>
/// <param name="Metadata">MessagePack metadata (with this event's redacted paths).</param>
/// <param name="MetadataDigest">SHA-256 of <paramref name="Metadata"/>.</param>
/// <param name="Payload">MessagePack payload.</param>
/// <param name="PayloadDigest">SHA-256 of <paramref name="Payload"/>.</param>
internal sealed record EncodedEvent(Guid EventId, string EventType, byte[] Metadata, byte[] MetadataDigest, byte[] Payload, byte[] PayloadDigest);
