using Journal.Domain.Approvals;

namespace Journal.Api.Endpoints.Approvals;

/// <summary>Body of <c>POST /v1/approvals</c>.</summary>
/// <param name="SessionId">The session asking.</param>
/// <param name="SubjectType">What kind of thing needs approval, such as <c>tool.shell</c>.</param>
/// <param name="SubjectId">Which one.</param>
/// <param name="Summary">What the human is shown.</param>
/// <param name="Scope">Once, Session or Timeboxed.</param>
/// <param name="ExpiresAt">Deadline for a decision (ISO 8601, in the future).</param>
/// <param name="ApprovalId">The new approval's id; the journal picks one when left out.</param>
/// <param name="DurationSeconds">Required for Timeboxed, refused otherwise.</param>
public sealed record RequestApprovalBody(
    Guid SessionId,
    string SubjectType,
    string SubjectId,
    string Summary,
    ApprovalScope Scope,
    DateTimeOffset ExpiresAt,
    Guid? ApprovalId = null,
    long? DurationSeconds = null);

/// <summary>Body of <c>POST /v1/approvals/{approvalId}/decision</c>.</summary>
/// <param name="Decision">Allow or Deny.</param>
/// <param name="DecidedBy">Who answers; the API key's name when left out.</param>
/// <param name="Reason">Why, optional.</param>
/// <param name="RememberForSession">
/// "Remember this decision": answer later requests of the same subject in the session with this one, as a
/// Session-scoped request's answer is. Only for a request of scope Once; false when left out.
/// </param>
public sealed record DecideApprovalBody(ApprovalDecision Decision, string? DecidedBy = null, string? Reason = null, bool RememberForSession = false);
