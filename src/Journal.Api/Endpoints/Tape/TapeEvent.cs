using System.Text.Json.Nodes;
using Journal.Domain.Tape;
using Journal.EventStore.Codec;

namespace Journal.Api.Endpoints.Tape;

/// <summary>One tape event as the API shows it: payload decoded to JSON, hashes in lower-case hex.</summary>
/// <param name="Seq">Global position.</param>
/// <param name="StreamVersion">Position in the stream.</param>
/// <param name="EventType">Stable type name.</param>
/// <param name="RecordedAt">Unix milliseconds.</param>
/// <param name="Metadata">Actor, principal, correlation and causation ids, redacted paths.</param>
/// <param name="Payload">The payload; null once erased.</param>
/// <param name="Erased">Whether the payload was erased.</param>
/// <param name="PayloadDigest">SHA-256 of the payload bytes.</param>
/// <param name="PrevHash">The previous event's chain hash.</param>
/// <param name="Hash">This event's chain hash.</param>
public sealed record TapeEvent(
    long Seq,
    Guid EventId,
    string StreamId,
    long StreamVersion,
    string EventType,
    long RecordedAt,
    EventMetadata Metadata,
    JsonNode? Payload,
    bool Erased,
    string PayloadDigest,
    string PrevHash,
    string Hash)
{
    /// <summary>The API view of a recorded event.</summary>
    public static TapeEvent From(RecordedEvent recorded) => new(
        recorded.Seq,
        recorded.EventId,
        recorded.StreamId,
        recorded.StreamVersion,
        recorded.EventType,
        recorded.RecordedAt,
        recorded.Metadata,
        recorded.Payload is { } payload ? JsonMessagePack.Decode(payload) : null,
        recorded.IsErased,
        Convert.ToHexStringLower(recorded.PayloadDigest.Span),
        Convert.ToHexStringLower(recorded.PrevHash.Span),
        Convert.ToHexStringLower(recorded.Hash.Span));
}

/// <summary>A page of the tape.</summary>
/// <param name="Events">The events, oldest first.</param>
/// <param name="Next">The <c>from</c> of the next page; null when this page reached the head.</param>
/// <param name="Head">The head position when the page was read.</param>
public sealed record TapePage(IReadOnlyList<TapeEvent> Events, long? Next, long Head);

/// <summary>The newest position and its hash (hex).</summary>
/// <param name="Seq">Head position (0 when the tape is empty).</param>
/// <param name="Hash">Its chain hash.</param>
public sealed record TapeHeadView(long Seq, string Hash);
