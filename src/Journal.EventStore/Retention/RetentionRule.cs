namespace Journal.EventStore.Retention;

/// <summary>
/// One tape retention rule: the payloads of events matching it that are older than <see cref="Days"/>
/// are erased (the rows, digests and hashes stay, so the chain still verifies).
/// </summary>
/// <param name="EventType">Matches events of this type (for example <c>transcript.appended.v1</c>); any type when null.</param>
/// <param name="StreamCategory">Matches events of streams of this category (for example <c>session</c>); any when null.</param>
/// <param name="Days">Age, in days, after which a matching payload is erased (1 or more).</param>
public sealed record RetentionRule(string? EventType, string? StreamCategory, int Days)
{
    /// <summary>Whether the rule names at least one selector and a positive age.</summary>
    /// <exception cref="ArgumentException">Neither selector is set, or <see cref="Days"/> is below 1.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(EventType) && string.IsNullOrWhiteSpace(StreamCategory))
        {
            throw new ArgumentException("a retention rule names an EventType, a StreamCategory or both");
        }

        if (Days is < 1 or > 36_500)
        {
            throw new ArgumentException($"a retention rule's Days is 1 to 36500, got {Days}");
        }
    }

    /// <summary>Whether an event of <paramref name="eventType"/> on a stream of <paramref name="category"/> matches.</summary>
    public bool Matches(string eventType, string category) =>
        (EventType is null || string.Equals(EventType, eventType, StringComparison.Ordinal)) &&
        (StreamCategory is null || string.Equals(StreamCategory, category, StringComparison.Ordinal));

    /// <summary>A short text naming the rule, for reports and erasure reasons.</summary>
    public override string ToString() => $"{EventType ?? "*"} on {StreamCategory ?? "*"} after {Days} days";
}
