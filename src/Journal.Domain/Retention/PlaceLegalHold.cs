using Journal.Domain.Tape;

namespace Journal.Domain.Retention;

/// <summary>Puts a stream on legal hold; refused while it is held already.</summary>
/// <param name="Stream">The stream to hold.</param>
/// <param name="Reason">Why (a case or ticket reference), 1 to 1000 characters.</param>
/// <param name="PlacedBy">Who places it, 1 to 1000 characters.</param>
/// <param name="At">The current time.</param>
public sealed record PlaceLegalHold(StreamId Stream, string Reason, string PlacedBy, DateTimeOffset At) : LegalHoldCommand(Stream, At);
