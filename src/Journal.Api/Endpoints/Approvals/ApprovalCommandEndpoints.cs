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
        var group = app.CommandGroup("/v1/approvals", "Approvals");
        group.MapPost("/", RequestApproval).WithName(nameof(RequestApproval));
        group.MapPost("/{approvalId}/decision", DecideApproval).WithName(nameof(DecideApproval));
        group.MapPost("/{approvalId}/expire", ExpireApproval).WithName(nameof(ExpireApproval));
    }

    internal static async Task<Created<CommandResponse>> RequestApproval(RequestApprovalBody body, HttpContext http, CancellationToken ct)
    {
        var response = await CommandDispatch.SendAsync(
            http,
            null,
            context => new RequestApprovalRequest(body.ApprovalId, body.SessionId, body.SubjectType, body.SubjectId, body.Summary, body.Scope, body.ExpiresAt, body.DurationSeconds) { Context = context },
            ct);
        return TypedResults.Created($"/v1/approvals/{EndpointConventions.IdOf(response.Stream)}", response);
    }

    internal static async Task<Ok<CommandResponse>> DecideApproval(Guid approvalId, DecideApprovalBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http,
            ApprovalDecider.StreamFor(approvalId),
            context => new DecideApprovalRequest(approvalId, body.Decision, body.DecidedBy ?? context.Actor!, body.Reason) { Context = context },
            ct));

    internal static async Task<Ok<CommandResponse>> ExpireApproval(Guid approvalId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, ApprovalDecider.StreamFor(approvalId), context => new ExpireApprovalRequest(approvalId) { Context = context }, ct));
}
