using Journal.Api.Http.Auth;
using Journal.EventStore;
using Journal.EventStore.Verification;
using Journal.Projections.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Admin;

/// <summary>Body of <c>POST /v1/admin/projections/rebuild</c> (optional).</summary>
/// <param name="Projection">The projection to rebuild, such as <c>sessions.v1</c>; every one when left out.</param>
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
        var group = app.MapGroup("/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        group.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/verify", Verify).WithName(nameof(Verify));
        group.MapGet("/projections", ReadProjections).WithName(nameof(ReadProjections));
        group.MapPost("/projections/rebuild", RebuildProjections).WithName(nameof(RebuildProjections))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

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

    internal static async Task<Ok<ProjectionsReport>> ReadProjections(ProjectionDaemon daemon, SqliteEventStore tape, ProjectionRebuilds rebuilds, CancellationToken ct)
    {
        var head = await tape.ReadHeadAsync(ct);
        var statuses = await daemon.StatusAsync(ct);
        return TypedResults.Ok(new ProjectionsReport(head.Seq, statuses, daemon.DeadLetters(), rebuilds.Status));
    }

    /// <summary>Starts a blue/green rebuild in the background: 202, then follow it on <c>GET /v1/admin/projections</c>.</summary>
    internal static Accepted<RebuildStatus> RebuildProjections(RebuildBody? body, ProjectionRebuilds rebuilds) =>
        TypedResults.Accepted("/v1/admin/projections", rebuilds.Start(body?.Projection));
}
