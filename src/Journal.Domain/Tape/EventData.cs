namespace Journal.Domain.Tape;

/// <summary>
/// An event to append. <paramref name="Payload"/> is an event record (or any value the store's
/// serializer can map to MessagePack); the store redacts, encodes and hashes it.
/// </summary>
/// <param name="EventId">Unique id of the event; appending the same id again is idempotent.</param>
/// <param name="EventType">Stable type name such as <c>session.started.v1</c>, never a CLR type name.</param>
/// <param name="Payload">The event's content.</param>
public sealed record EventData(Guid EventId, string EventType, object Payload);
