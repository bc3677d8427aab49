using Journal.Api.Endpoints.Admin;
using Journal.Api.Hosting;
using Journal.Api.Operations;
using Journal.EventStore.Ports;
using Journal.Projections.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Health;

/// <summary>The journal's health report.</summary>
/// <param name="Status">
/// <c>healthy</c>, or <c>degraded</c> when the chain is broken, a canvas replay did not reproduce a
/// state hash, a projection is stopped or has dead letters, a file is not owner-only, or the last
/// snapshot, retention or maintenance step failed.
/// </param>
/// <param name="Mode"><c>file</c> (<c>PERSIST=1</c>), <c>memory</c> (<c>PERSIST=0</c>, snapshots) or <c>postgres</c> (a shared PostgreSQL tape).</param>
/// <param name="Events">Events on the tape.</param>
/// <param name="Streams">Distinct streams.</param>
/// <param name="ErasedPayloads">Events whose payload was erased.</param>
/// <param name="Head">Head position and hash.</param>
/// <param name="FileBytes">Size of the tape file (0 in memory).</param>
/// <param name="WalBytes">Size of its write-ahead log.</param>
/// <param name="SnapshotBytes">Size of the last snapshot file (in-memory mode); null when there is none.</param>
/// <param name="SchemaVersion">The tape's schema version.</param>
/// <param name="LatestSchemaVersion">The schema version this code writes.</param>
/// <param name="Verification">
/// The last chain verification and when it ran: the service's start-up check, or the latest one asked
/// for (<c>?verify=true</c>, <c>/v1/admin/verify</c>). A request does not verify by itself.
/// </param>
/// <param name="Projections">Checkpoint, state and lag of each projection.</param>
/// <param name="DeadLetters">Dead letters across the projections.</param>
/// <param name="Snapshot">The last snapshot written (in-memory mode), null before the first.</param>
/// <param name="Retention">The last retention run, null before the first.</param>
/// <param name="Maintenance">The last maintenance run, null before the first.</param>
/// <param name="Checkpoint">The last signed checkpoint published, null when none.</param>
/// <param name="DiskFreeBytes">Free space on the data directory's drive.</param>
/// <param name="Files">Permissions of the data directory and its files.</param>
/// <param name="CanvasHashMismatches">Canvas versions whose recomputed state did not match the tape's state hash (<c>/v1/canvases/integrity</c> lists them).</param>
/// <param name="EventsSinceVerification">Events appended after the last position <see cref="Verification"/> covered: not checked by it.</param>
/// <param name="EventTypes">Events on the tape by type, in type order (kept by the writer, like the other counts: not scanned).</param>
/// <param name="StartVerification">What the start verified: <c>tail</c> (the positions after the verified mark, and the file's end) or <c>full</c> (and why).</param>
/// <param name="LastFullVerification">The last check of the whole file and chain (at start, in the background, or remembered by the mark from an earlier run); a broken one makes the report <c>degraded</c>.</param>
public sealed record JournalHealth(
    string Status,
    string Mode,
    long Events,
    long Streams,
    long ErasedPayloads,
    Tape.TapeHeadView Head,
    long FileBytes,
    long WalBytes,
    long? SnapshotBytes,
    int SchemaVersion,
    int LatestSchemaVersion,
    VerifiedAt? Verification,
    IReadOnlyList<ProjectionStatus> Projections,
    int DeadLetters,
    SnapshotRun? Snapshot,
    RetentionRun? Retention,
    MaintenanceRun? Maintenance,
    CheckpointRun? Checkpoint,
    long? DiskFreeBytes,
    IReadOnlyList<FilePermission> Files,
    long CanvasHashMismatches,
    long EventsSinceVerification,
    IReadOnlyList<Journal.EventStore.Reading.EventTypeCount> EventTypes,
    StartVerifiedAt? StartVerification,
    FullVerification? LastFullVerification);

/// <summary><c>GET /v1/journal/health</c> (reader role).</summary>
internal static class JournalHealthEndpoints
{
    public static void MapJournalHealth(this IEndpointRouteBuilder app) =>
        app.QueryGroup("/v1/journal", FeatureTags.Health).MapGet("/health", ReadJournalHealth).WithName(nameof(ReadJournalHealth));

    /// <summary>Read the journal's health report</summary>
    /// <remarks>
    /// Tape size and head, schema version, chain verification, projections and dead letters, the last snapshot,
    /// retention, maintenance and checkpoint, free disk and file permissions; <c>status</c> is <c>degraded</c> when
    /// any of them is wrong. A full verification costs seconds on a large tape, so a call shows the last one (the
    /// start-up check's, the background full check's, or the latest <c>verify=true</c> or <c>/v1/admin/verify</c>) with
    /// its time and range, and how many events came after it, what the start verified (tail or full) and when the whole
    /// chain was last verified; <c>verify=true</c> verifies the whole chain first.
    /// </remarks>
    internal static async Task<Ok<JournalHealth>> ReadJournalHealth(
        ITapeFeed tape, ITapeInspection inspection, ProjectionDaemon daemon, LastVerification verification, JournalSettings settings, OperationsStatus operations, MediatR.IMediator mediator, CancellationToken ct, bool verify = false)
    {
        // Only an explicit verify=true verifies here: a plain call reads what is remembered, in constant time.
        var verified = verify ? await verification.RunAsync(1, null, ct) : verification.Last;
        return TypedResults.Ok(await HealthReport.BuildAsync(tape, inspection, daemon, mediator, verified, verification.Start, verification.LastFull, settings.SnapshotPath, operations, ct));
    }
}
