using System.Globalization;
using Journal.Api.Endpoints.Commands;
using Journal.Api.Hosting;
using Journal.Api.Http.Auth;
using Journal.Api.Operations;
using Journal.Domain.Retention.UseCases;
using Journal.EventStore.Backup;
using Journal.EventStore.Ports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Admin;

/// <summary>Body of <c>POST /v1/admin/legal-holds</c>.</summary>
/// <param name="Stream">The stream to hold, such as <c>session-3f2a...</c>.</param>
/// <param name="Reason">Why (a case or ticket reference).</param>
public sealed record LegalHoldBody(string Stream, string Reason);

/// <summary>Both halves of a maintenance run.</summary>
/// <param name="Retention">Session-delta and tape retention.</param>
/// <param name="Maintenance">WAL checkpoint, incremental vacuum, full-text index check.</param>
public sealed record MaintenanceReport(RetentionRun Retention, MaintenanceRun Maintenance);

/// <summary>Operations endpoints (admin role): online backup, legal holds, retention and maintenance on demand.</summary>
internal static class OperationsEndpoints
{
    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/admin").WithTags(FeatureTags.Admin).RequireAuthorization(Policies.Admin);
        group.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/backup", Backup).WithName(nameof(Backup));
        group.MapPost("/maintenance", RunMaintenance).WithName(nameof(RunMaintenance));
        group.MapPost("/legal-holds", PlaceLegalHold).WithName(nameof(PlaceLegalHold)).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/legal-holds/{stream}", ReleaseLegalHold).WithName(nameof(ReleaseLegalHold)).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>Back up the tape</summary>
    /// <remarks>
    /// An online, consistent backup into <c>{DataDirectory}/backups/journal-{time}.db</c>, readable by its owner
    /// only. The caller never names a path: the service writes only where it is configured to. Answers the file, the
    /// head it holds and its size; 503 <c>storage.unavailable</c> when it cannot be written.
    /// </remarks>
    internal static async Task<Ok<BackupResult>> Backup(ITapeBackup tape, JournalSettings settings, OperationsMetrics metrics, TimeProvider time, CancellationToken ct)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"journal-{time.GetUtcNow():yyyyMMdd'T'HHmmssfff'Z'}.db");
        try
        {
            var result = await tape.BackupAsync(Path.Combine(settings.DataDirectory, "backups", name), ct);
            metrics.RecordSnapshot(true);
            return TypedResults.Ok(result);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            metrics.RecordSnapshot(false);
            throw new EventStore.Storage.StorageException("the backup could not be written; see the service log", ex);
        }
    }

    /// <summary>Run retention and maintenance now</summary>
    /// <remarks>
    /// Runs the daily job at once: session-delta and tape retention (payloads erased per the configured rules,
    /// streams on legal hold left alone), then a WAL checkpoint, an incremental vacuum and a full-text index check.
    /// Answers what each step did.
    /// </remarks>
    internal static async Task<Ok<MaintenanceReport>> RunMaintenance(MaintenanceJob job, CancellationToken ct)
    {
        var (retention, maintenance) = await job.RunOnceAsync(ct);
        return TypedResults.Ok(new MaintenanceReport(retention, maintenance));
    }

    /// <summary>Place a stream on legal hold</summary>
    /// <remarks>
    /// Tape retention erases none of the stream's payloads until the hold is released. 422
    /// <c>legal_hold.already_placed</c> when it is held already; 400 for a bad stream name or an empty reason.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> PlaceLegalHold(LegalHoldBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, null, context => new PlaceLegalHoldRequest(body.Stream, body.Reason, context.Actor ?? "admin") { Context = context }, ct));

    /// <summary>Release a legal hold</summary>
    /// <remarks>
    /// Tape retention applies to the stream again. 422 <c>legal_hold.not_placed</c> when the stream is not held.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> ReleaseLegalHold(string stream, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, null, context => new ReleaseLegalHoldRequest(stream, context.Actor ?? "admin") { Context = context }, ct));
}
