using Journal.Api.Endpoints.Commands;
using Journal.Domain.Approvals;
using Journal.Domain.Approvals.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Approvals;

/// <summary>Approval commands: request, decide, expire.</summary>
internal static class ApprovalCommandEndpoints
{
    public static void MapApprovalCommands(this IEndpointRouteBuilder app)
    {
        var group = app.CommandGroup("/v1/approvals", FeatureTags.Approvals);
        group.MapPost("/", RequestApproval).WithName(nameof(RequestApproval));
        group.MapPost("/{approvalId}/decision", DecideApproval).WithName(nameof(DecideApproval));
        group.MapPost("/{approvalId}/expire", ExpireApproval).WithName(nameof(ExpireApproval));
    }

    /// <summary>Request an approval</summary>
    /// <remarks>
    /// Asks a human to allow or deny a subject (such as a <c>tool.shell</c> call) for a session before
    /// <c>expiresAt</c> (ISO 8601, in the future). <c>scope</c> says how far the decision carries: <c>Once</c>,
    /// <c>Session</c>, or <c>Timeboxed</c> for <c>durationSeconds</c>. Answers 201 with <c>Location</c>.
    /// </remarks>
    internal static async Task<Created<CommandResponse>> RequestApproval(RequestApprovalBody body, HttpContext http, CancellationToken ct)
    {
        var response = await CommandDispatch.SendAsync(
            http,
            null,
            context => new RequestApprovalRequest(body.ApprovalId, body.SessionId, body.SubjectType, body.SubjectId, body.Summary, body.Scope, body.ExpiresAt, body.DurationSeconds) { Context = context },
            ct);
        return TypedResults.Created($"/v1/approvals/{EndpointConventions.IdOf(response.Stream)}", response);
    }

    /// <summary>Decide an approval</summary>
    /// <remarks>
    /// Records <c>Allow</c> or <c>Deny</c>, with an optional reason; <c>decidedBy</c> is the API key's name when left
    /// out. <c>rememberForSession: true</c> widens the answer to a <c>Once</c> request to later requests of the same
    /// subject in the session (then found by <c>GET /v1/approvals/remembered</c> with scope <c>Session</c>); 422
    /// <c>approval.remember_not_once</c> for a request of another scope. 422 <c>approval.already_decided</c> when it was
    /// decided already.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> DecideApproval(Guid approvalId, DecideApprovalBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http,
            ApprovalDecider.StreamFor(approvalId),
            context => new DecideApprovalRequest(approvalId, body.Decision, body.DecidedBy ?? context.Actor!, body.Reason, body.RememberForSession) { Context = context },
            ct));

    /// <summary>Expire an approval</summary>
    /// <remarks>
    /// Turns a pending approval past its deadline into timed out; one already decided or timed out is left alone
    /// (nothing written), so a sweeper may send this freely. 422 <c>approval.not_expired</c> before the deadline.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> ExpireApproval(Guid approvalId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, ApprovalDecider.StreamFor(approvalId), context => new ExpireApprovalRequest(approvalId) { Context = context }, ct));
}
