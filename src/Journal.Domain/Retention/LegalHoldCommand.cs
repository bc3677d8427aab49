using Journal.Domain.Tape;

namespace Journal.Domain.Retention;

/// <summary>A command decided by <see cref="LegalHoldDecider"/>.</summary>
/// <param name="Stream">The stream held (it need not exist yet); the hold itself lives in <c>legalhold-{stream}</c>.</param>
/// <param name="At">The current time, passed in.</param>
public abstract record LegalHoldCommand(StreamId Stream, DateTimeOffset At);
