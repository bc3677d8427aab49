using Journal.Domain.Tape;

namespace Journal.Domain.Retention;

/// <summary>A stream was put on legal hold: tape retention erases none of its payloads until the hold is released.</summary>
/// <param name="Stream">The stream held.</param>
/// <param name="Reason">Why (a case or ticket reference).</param>
/// <param name="PlacedBy">Who placed it.</param>
/// <param name="At">When.</param>
[EventType("journal.legal_hold_placed.v1")]
public sealed record LegalHoldPlaced(string Stream, string Reason, string PlacedBy, DateTimeOffset At) : ILegalHoldEvent;
