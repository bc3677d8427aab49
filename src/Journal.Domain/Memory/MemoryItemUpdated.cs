using Journal.Domain.Tape;

namespace Journal.Domain.Memory;

/// <summary>An item's tags or confidence changed; the event carries both as they are now.</summary>
/// <param name="Principal">Its principal.</param>
/// <param name="Tags">The tags now, joined by single spaces.</param>
/// <param name="Confidence">The confidence now.</param>
/// <param name="At">When.</param>
[EventType("memory.item_updated.v1")]
public sealed record MemoryItemUpdated(Guid ItemId, string Principal, string Tags, double Confidence, DateTimeOffset At) : IMemoryItemEvent;
