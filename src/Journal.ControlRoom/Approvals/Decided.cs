using Journal.ControlRoom.Shared;
using Journal.Projections.Approvals;

namespace Journal.ControlRoom.Approvals;

/// <summary>A decision made in the control room: the approval, what the person was told, and the tape position written.</summary>
/// <param name="Approval">The approval as it was shown.</param>
/// <param name="Outcome">The outcome shown on its card.</param>
/// <param name="Position">The tape position the decision wrote.</param>
public sealed record Decided(ApprovalRow Approval, ActionOutcome Outcome, long Position);
