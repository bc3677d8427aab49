namespace Journal.EventStore.Reading;

/// <summary>How many events of one type the tape holds.</summary>
/// <param name="EventType">The event type name.</param>
/// <param name="Events">Its events on the tape.</param>
public sealed record EventTypeCount(string EventType, long Events);
