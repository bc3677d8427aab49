using Journal.Api.Endpoints.Queries;
using Journal.Domain.Approvals;
using Journal.Projections.Approvals;
using Journal.Projections.Querying;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Approvals;

/// <summary>The approvals read model: list (pending first), one approval, time travel, remembered decisions.</summary>
internal static class ApprovalQueryEndpoints
{
    public static void MapApprovalQueries(this IEndpointRouteBuilder app)
    {
        var group = app.QueryGroup("/v1/approvals", FeatureTags.Approvals);
        group.MapGet("/", ListApprovals).WithName(nameof(ListApprovals));
        group.MapGet("/remembered", FindRememberedDecision).WithName(nameof(FindRememberedDecision));
        group.MapGet("/{approvalId}", GetApproval).WithName(nameof(GetApproval));
        group.MapGet("/{approvalId}/at", GetApprovalAt).WithName(nameof(GetApprovalAt));
    }

    /// <summary>List approvals</summary>
    /// <remarks>
    /// Pending first, then newest first. Filters: <c>subjectType</c> and <c>subjectId</c> (which needs
    /// <c>subjectType</c>), <c>sessionId</c>, and <c>status</c> (<c>Pending</c>, <c>Allowed</c>, <c>Denied</c>,
    /// <c>TimedOut</c>). Paged with <c>cursor</c> and <c>limit</c>.
    /// </remarks>
    internal static async Task<Ok<Page<ApprovalRow>>> ListApprovals(
        IMediator mediator,
        CancellationToken ct,
        string? subjectType = null,
        string? subjectId = null,
        Guid? sessionId = null,
        string? status = null,
        string? cursor = null,
        int? limit = null,
        long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(
            new ListApprovalsQuery(subjectType, subjectId, sessionId, QueryInput.Enum<ApprovalStatus>(status, "status"), cursor, limit, minPosition), ct));

    /// <summary>Get an approval</summary>
    /// <remarks>
    /// The approval as the read model keeps it, with the stream version it reflects as <c>ETag</c>.
    /// Answers from the read model alone (it does not wait unless given <c>minPosition</c>), with <c>ETag</c> and
    /// <c>X-Journal-Position</c> from the row.
    /// </remarks>
    internal static async Task<Ok<ApprovalRow>> GetApproval(Guid approvalId, HttpContext http, IMediator mediator, CancellationToken ct, long? minPosition = null)
    {
        var approval = await mediator.Send(new GetApprovalQuery(approvalId, minPosition), ct);
        ReadModelHeaders.Set(http, approval.StreamVersion, approval.LastPosition);
        return TypedResults.Ok(approval);
    }

    /// <summary>Read an approval as it was</summary>
    /// <remarks>
    /// Time travel: folds the approval's stream up to <c>version</c> (its stream version) and/or <c>position</c> (a
    /// tape position); neither gives the current state. 404 when it did not exist yet at that point.
    /// </remarks>
    internal static async Task<Ok<ApprovalRow>> GetApprovalAt(Guid approvalId, IMediator mediator, CancellationToken ct, long? version = null, long? position = null) =>
        TypedResults.Ok(await mediator.Send(new GetApprovalAtQuery(approvalId, QueryInput.Bound(version, "version"), QueryInput.Bound(position, "position")), ct));

    /// <summary>Find a remembered decision</summary>
    /// <remarks>
    /// The session-wide or time-boxed decision that applies to a subject in a session at <c>at</c> (default now):
    /// <c>applies: true</c> with the decision, or <c>applies: false</c> and no decision when a human must be asked.
    /// </remarks>
    internal static async Task<Ok<RememberedDecisionAnswer>> FindRememberedDecision(
        Guid sessionId, string subjectType, string subjectId, IMediator mediator, CancellationToken ct, DateTimeOffset? at = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new FindRememberedDecisionQuery(sessionId, subjectType, subjectId, at, minPosition), ct));
}
