using Journal.Api.Endpoints.Commands;
using Journal.Domain.Approvals;
using Journal.Domain.Approvals.UseCases;
using Journal.Domain.Tape;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Approvals;

/// <summary>One approval read from its own stream, with its stream version as <c>ETag</c>.</summary>
internal static class ApprovalQueryEndpoints
{
    public static void MapApprovalQueries(this IEndpointRouteBuilder app) =>
        app.QueryGroup("/v1/approvals", "Approvals").MapGet("/{approvalId}", GetApproval).WithName(nameof(GetApproval));

    internal static async Task<Ok<ApprovalState>> GetApproval(Guid approvalId, HttpContext http, IMediator mediator, IEventStore tape, CancellationToken ct)
    {
        var version = await tape.ReadStreamVersionAsync(ApprovalDecider.StreamFor(approvalId), ct);
        var approval = await mediator.Send(new GetApprovalRequest(approvalId), ct);
        http.Response.Headers.ETag = ETags.Format(version);
        return TypedResults.Ok(approval);
    }
}
