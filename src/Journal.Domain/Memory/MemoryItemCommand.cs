namespace Journal.Domain.Memory;

/// <summary>A command decided by <see cref="MemoryItemDecider"/>.</summary>
/// <param name="ItemId">The item the command is about.</param>
/// <param name="At">The current time.</param>
public abstract record MemoryItemCommand(Guid ItemId, DateTimeOffset At);

/// <summary>Stores a new item. <paramref name="Content"/> must already be redacted; the decider normalizes it.</summary>
/// <param name="ItemId">The new item's id.</param>
/// <param name="Scope">Where it is stored.</param>
/// <param name="Content">Its text.</param>
/// <param name="Tags">Its tags (normalized by the decider).</param>
/// <param name="Source">Where it came from (see <see cref="MemorySources"/>).</param>
/// <param name="Confidence">0 to 1.</param>
/// <param name="TtlSeconds">Time to live, optional (1 s to ten years).</param>
/// <param name="At">The current time.</param>
public sealed record AddMemoryItem(
    Guid ItemId, MemoryScope Scope, string Content, IReadOnlyList<string>? Tags, string Source, double Confidence, long? TtlSeconds, DateTimeOffset At)
    : MemoryItemCommand(ItemId, At);

/// <summary>Changes an item's tags and/or confidence (null leaves a field as it is).</summary>
/// <param name="Tags">The new tags, or null.</param>
/// <param name="Confidence">The new confidence, or null.</param>
/// <param name="At">The current time.</param>
public sealed record UpdateMemoryItem(Guid ItemId, IReadOnlyList<string>? Tags, double? Confidence, DateTimeOffset At) : MemoryItemCommand(ItemId, At);

/// <summary>Forgets an item. An item forgotten already is left alone (no event).</summary>
/// <param name="Reason">Why (see <see cref="MemoryForgetReasons"/>).</param>
/// <param name="At">The current time.</param>
public sealed record ForgetMemoryItem(Guid ItemId, string Reason, DateTimeOffset At) : MemoryItemCommand(ItemId, At);
