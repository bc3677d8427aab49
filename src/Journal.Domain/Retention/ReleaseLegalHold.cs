using Journal.Domain.Tape;

namespace Journal.Domain.Retention;

/// <summary>Releases a stream's legal hold; refused when it is not held.</summary>
/// <param name="Stream">The stream held.</param>
/// <param name="ReleasedBy">Who releases it, 1 to 1000 characters.</param>
/// <param name="At">The current time.</param>
public sealed record ReleaseLegalHold(StreamId Stream, string ReleasedBy, DateTimeOffset At) : LegalHoldCommand(Stream, At);
