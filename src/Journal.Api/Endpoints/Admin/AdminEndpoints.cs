using Journal.Api.Http.Auth;
using Journal.EventStore.Ports;
using Journal.EventStore.Verification;
using Journal.Projections.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Admin;

/// <summary>Body of <c>POST /v1/admin/projections/rebuild</c> (optional).</summary>
/// <param name="Projection">The projection to rebuild, such as <c>sessions.v2</c>; every one when left out.</param>
public sealed record RebuildBody(string? Projection = null);

/// <summary>Where the projections stand.</summary>
/// <param name="Head">The tape's head position.</param>
/// <param name="Projections">Checkpoint, state and lag of each projection.</param>
/// <param name="DeadLetters">Events a projection could not apply.</param>
/// <param name="Rebuild">The current or last rebuild.</param>
public sealed record ProjectionsReport(long Head, IReadOnlyList<ProjectionStatus> Projections, IReadOnlyList<DeadLetter> DeadLetters, RebuildStatus Rebuild);

/// <summary>Admin endpoints (admin role): chain verification and projection status and rebuild.</summary>
internal static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/admin").WithTags(FeatureTags.Admin).RequireAuthorization(Policies.Admin);
        group.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/verify", Verify).WithName(nameof(Verify));
        group.MapGet("/projections", ReadProjections).WithName(nameof(ReadProjections));
        group.MapGet("/projections/lag", ProjectionLagEndpoint.ReadProjectionLag).WithName(nameof(ProjectionLagEndpoint.ReadProjectionLag));
        group.MapPost("/projections/rebuild", RebuildProjections).WithName(nameof(RebuildProjections))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Verify the hash chain</summary>
    /// <remarks>
    /// Recomputes the chain from <c>from</c> (default 1) to <c>to</c> (default the head) and answers the report:
    /// <c>Intact</c>, or <c>Broken</c> with the first mismatch. A broken chain is still a 200: the report is the
    /// answer. <c>/v1/journal/health</c> shows the last report.
    /// </remarks>
    internal static async Task<Ok<VerificationReport>> Verify(LastVerification verification, CancellationToken ct, long? from = null, long? to = null)
    {
        if (from is < 1)
        {
            throw new Domain.Errors.ValidationException("from", "positions start at 1");
        }

        if (to is { } end && end < (from ?? 1))
        {
            throw new Domain.Errors.ValidationException("to", "must not be before from");
        }

        return TypedResults.Ok((await verification.RunAsync(from ?? 1, to, ct)).Report);
    }

    /// <summary>Read the projections' status</summary>
    /// <remarks>
    /// The tape's head; each projection's checkpoint, state and lag in events and in milliseconds; the dead letters;
    /// and the current or last rebuild.
    /// </remarks>
    internal static async Task<Ok<ProjectionsReport>> ReadProjections(ProjectionDaemon daemon, ITapeFeed tape, ProjectionRebuilds rebuilds, CancellationToken ct)
    {
        var head = await tape.ReadHeadAsync(ct);
        var statuses = await daemon.StatusAsync(ct);
        return TypedResults.Ok(new ProjectionsReport(head.Seq, statuses, daemon.DeadLetters(), rebuilds.Status));
    }

    /// <summary>Rebuild projections</summary>
    /// <remarks>
    /// Starts a blue/green rebuild of one projection (<c>projection</c>, such as <c>sessions.v2</c>) or of all (no
    /// body) in the background and answers 202 with its status and <c>Location: /v1/admin/projections</c>, where
    /// <c>rebuild</c> follows it. Queries keep being served from the current read models until the new ones replace
    /// them at once. One rebuild at a time: 409 <c>projection.rebuild_conflict</c> while one runs; 404
    /// <c>projection.not_found</c> for an unknown projection.
    /// </remarks>
    internal static Accepted<RebuildStatus> RebuildProjections(RebuildBody? body, ProjectionRebuilds rebuilds) =>
        TypedResults.Accepted("/v1/admin/projections", rebuilds.Start(body?.Projection));
}
