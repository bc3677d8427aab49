using Journal.Domain.Approvals;

namespace Journal.Projections.Approvals;

/// <summary>One approval as the <c>approvals.v1</c> read model keeps it.</summary>
/// <param name="SessionId">The session that asked.</param>
/// <param name="SubjectType">What kind of thing needs approval, such as <c>tool.shell</c>.</param>
/// <param name="SubjectId">Which one.</param>
/// <param name="Summary">What the human is shown.</param>
/// <param name="Scope">How far an answer reaches.</param>
/// <param name="DurationSeconds">The time box of a time-boxed scope.</param>
/// <param name="ExpiresAt">The deadline for a decision.</param>
/// <param name="Status">Where the approval is.</param>
/// <param name="Decision">The answer, once decided.</param>
/// <param name="DecidedBy">Who answered, once decided.</param>
/// <param name="Reason">Why, if the answer gave a reason.</param>
/// <param name="Remembered">Whether the answer applies to later requests for the subject in the session.</param>
/// <param name="RememberedUntil">For a time-boxed answer, when remembering ends.</param>
/// <param name="RequestedAt">When it was asked.</param>
/// <param name="ResolvedAt">When it was decided or timed out.</param>
/// <param name="StreamVersion">The approval stream's version this row reflects.</param>
/// <param name="LastPosition">The tape position of the last event this row reflects.</param>
public sealed record ApprovalRow(
    Guid ApprovalId,
    Guid SessionId,
    string SubjectType,
    string SubjectId,
    string Summary,
    ApprovalScope Scope,
    long? DurationSeconds,
    DateTimeOffset ExpiresAt,
    ApprovalStatus Status,
    ApprovalDecision? Decision,
    string? DecidedBy,
    string? Reason,
    bool Remembered,
    DateTimeOffset? RememberedUntil,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ResolvedAt,
    long StreamVersion,
    long LastPosition);
