namespace Journal.EventStore.Ports;

/// <summary>Where a stream ends.</summary>
/// <param name="Version">The stream's last version; 0 when it has no event.</param>
/// <param name="Position">The tape position of that event; 0 when the stream has no event.</param>
public readonly record struct StreamHead(long Version, long Position);
