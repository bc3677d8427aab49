using Journal.Domain.Tape;

namespace Journal.Domain.Retention;

/// <summary>A stream's legal hold was released: tape retention applies to it again.</summary>
/// <param name="Stream">The stream released.</param>
/// <param name="ReleasedBy">Who released it.</param>
/// <param name="At">When.</param>
[EventType("journal.legal_hold_released.v1")]
public sealed record LegalHoldReleased(string Stream, string ReleasedBy, DateTimeOffset At) : ILegalHoldEvent;
