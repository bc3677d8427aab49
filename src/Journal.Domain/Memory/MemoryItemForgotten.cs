using Journal.Domain.Tape;

namespace Journal.Domain.Memory;

/// <summary>
/// An item was forgotten (deleted, purged or removed by retention). The event holds no content: the
/// payloads of the item's earlier events are erased from the tape right after it is appended.
/// </summary>
/// <param name="Principal">Its principal.</param>
/// <param name="Reason">Why (see <see cref="MemoryForgetReasons"/>).</param>
/// <param name="At">When.</param>
[EventType("memory.item_forgotten.v1")]
public sealed record MemoryItemForgotten(Guid ItemId, string Principal, string Reason, DateTimeOffset At) : IMemoryItemEvent;
