using System.Text.Encodings.Web;
using System.Text.Json;
using Journal.Domain.Tape;
using Journal.EventStore.Codec;

namespace Journal.ControlRoom.Tape;

/// <summary>One tape event as the control room shows it: the payload decoded to indented JSON, hashes in lower-case hex.</summary>
/// <param name="Seq">Global position.</param>
/// <param name="StreamId">Its stream.</param>
/// <param name="StreamVersion">Its position in the stream.</param>
/// <param name="EventType">Stable type name.</param>
/// <param name="RecordedAt">Unix milliseconds.</param>
/// <param name="Metadata">Actor, principal, correlation and causation ids, redacted paths.</param>
/// <param name="PayloadJson">The payload as indented JSON; null once erased.</param>
/// <param name="PayloadDigest">SHA-256 of the payload bytes.</param>
/// <param name="PrevHash">The previous event's chain hash.</param>
/// <param name="Hash">This event's chain hash.</param>
public sealed record TapeEntry(
    long Seq,
    string StreamId,
    long StreamVersion,
    string EventType,
    long RecordedAt,
    EventMetadata Metadata,
    string? PayloadJson,
    string PayloadDigest,
    string PrevHash,
    string Hash)
{
    // Relaxed escaping: the text is shown, HTML-encoded by the page, so "+" and non-ASCII letters read as themselves.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The view of a recorded event, decoded as <c>/v1/journal/events</c> decodes it.</summary>
    public static TapeEntry From(RecordedEvent recorded) => new(
        recorded.Seq,
        recorded.StreamId,
        recorded.StreamVersion,
        recorded.EventType,
        recorded.RecordedAt,
        recorded.Metadata,
        recorded.Payload is { } payload ? JsonMessagePack.Decode(payload)?.ToJsonString(Indented) ?? "null" : null,
        Convert.ToHexStringLower(recorded.PayloadDigest.Span),
        Convert.ToHexStringLower(recorded.PrevHash.Span),
        Convert.ToHexStringLower(recorded.Hash.Span));

    /// <summary>The page of the stream's owner when the control room has one (a session), else null.</summary>
    public string? StreamLink =>
        StreamId.StartsWith("session-", StringComparison.Ordinal) && Guid.TryParse(StreamId["session-".Length..], out var session) ? $"sessions/{session}"
        : StreamId.StartsWith("transcript-", StringComparison.Ordinal) && Guid.TryParse(StreamId["transcript-".Length..], out var transcript) ? $"sessions/{transcript}"
        : null;
}
