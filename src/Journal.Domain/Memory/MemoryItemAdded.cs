using Journal.Domain.Tape;

namespace Journal.Domain.Memory;

/// <summary>A memory item was stored. Its content is normalized and redacted before it reaches this event.</summary>
/// <param name="Principal">On whose behalf it is remembered.</param>
/// <param name="Channel">The channel it belongs to, if any.</param>
/// <param name="SessionId">The session it belongs to, if any.</param>
/// <param name="Content">The normalized, redacted text.</param>
/// <param name="Tags">Normalized tags, sorted, without duplicates, joined by single spaces (empty for none).</param>
/// <param name="Source">Where it came from (see <see cref="MemorySources"/>).</param>
/// <param name="Confidence">How sure the writer was, 0 to 1.</param>
/// <param name="ExpiresAt">When it stops being recalled and is forgotten by retention; null to keep it.</param>
/// <param name="At">When.</param>
[EventType("memory.item_added.v1")]
public sealed record MemoryItemAdded(
    Guid ItemId,
    string Principal,
    string? Channel,
    Guid? SessionId,
    string Content,
    string Tags,
    string Source,
    double Confidence,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset At) : IMemoryItemEvent;
