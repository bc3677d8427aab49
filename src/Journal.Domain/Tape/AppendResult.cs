namespace Journal.Domain.Tape;

/// <summary>Where one appended event landed.</summary>
/// <param name="EventId">The event's id.</param>
/// <param name="Seq">Its global position.</param>
/// <param name="StreamVersion">Its position in its stream.</param>
public sealed record EventPosition(Guid EventId, long Seq, long StreamVersion);

/// <summary>The outcome of appending to one stream.</summary>
/// <param name="Stream">The stream appended to.</param>
/// <param name="Events">Where each event landed, in order.</param>
/// <param name="StreamVersion">The stream's version after the append.</param>
/// <param name="Position">The highest tape position written (or, for a replayed idempotent append, first written).</param>
/// <param name="Duplicate">True when every event was already on the tape and nothing was written.</param>
public sealed record AppendResult(StreamId Stream, IReadOnlyList<EventPosition> Events, long StreamVersion, long Position, bool Duplicate);

/// <summary>One stream's part of a multi-stream append.</summary>
/// <param name="Expected">What the stream's version must be.</param>
/// <param name="Events">The events to append to it.</param>
public sealed record StreamAppend(StreamId Stream, ExpectedVersion Expected, IReadOnlyList<EventData> Events);
