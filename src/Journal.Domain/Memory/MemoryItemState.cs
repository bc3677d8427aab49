namespace Journal.Domain.Memory;

/// <summary>
/// What the decider knows of one item. It holds no content on purpose: aggregate states are cached
/// in memory, and a forgotten item's text must not outlive its erasure there either.
/// </summary>
/// <param name="Exists">Whether the item was added.</param>
/// <param name="Forgotten">Whether it was forgotten.</param>
/// <param name="Principal">Its principal.</param>
/// <param name="Channel">Its channel.</param>
/// <param name="SessionId">Its session.</param>
/// <param name="Tags">Its tags, joined by single spaces.</param>
/// <param name="Confidence">Its confidence.</param>
public sealed record MemoryItemState(
    bool Exists, bool Forgotten, Guid ItemId, string Principal, string? Channel, Guid? SessionId, string Tags, double Confidence);
