using Journal.Api.Endpoints.Admin;
using Journal.EventStore;
using Journal.EventStore.Schema;
using Journal.Projections.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Health;

/// <summary>The journal's health report.</summary>
/// <param name="Status"><c>healthy</c>, or <c>degraded</c> when the chain is broken, a canvas replay did not reproduce a state hash, a projection is stopped or has dead letters, or a file is not owner-only.</param>
/// <param name="Events">Events on the tape.</param>
/// <param name="Streams">Distinct streams.</param>
/// <param name="ErasedPayloads">Events whose payload was erased.</param>
/// <param name="Head">Head position and hash.</param>
/// <param name="FileBytes">Size of the tape file.</param>
/// <param name="WalBytes">Size of its write-ahead log.</param>
/// <param name="SchemaVersion">The tape's schema version.</param>
/// <param name="LatestSchemaVersion">The schema version this code writes.</param>
/// <param name="Verification">The last chain verification and when it ran.</param>
/// <param name="Projections">Checkpoint, state and lag of each projection.</param>
/// <param name="DeadLetters">Dead letters across the projections.</param>
/// <param name="DiskFreeBytes">Free space on the data directory's drive.</param>
/// <param name="Files">Permissions of the data directory and its files.</param>
/// <param name="CanvasHashMismatches">Canvas versions whose recomputed state did not match the tape's state hash (<c>/v1/canvases/integrity</c> lists them).</param>
public sealed record JournalHealth(
    string Status,
    long Events,
    long Streams,
    long ErasedPayloads,
    Tape.TapeHeadView Head,
    long FileBytes,
    long WalBytes,
    int SchemaVersion,
    int LatestSchemaVersion,
    VerifiedAt? Verification,
    IReadOnlyList<ProjectionStatus> Projections,
    int DeadLetters,
    long? DiskFreeBytes,
    IReadOnlyList<FilePermission> Files,
    long CanvasHashMismatches);

/// <summary><c>GET /v1/journal/health</c> (reader role).</summary>
internal static class JournalHealthEndpoints
{
    public static void MapJournalHealth(this IEndpointRouteBuilder app) =>
        app.QueryGroup("/v1/journal", "Tape").MapGet("/health", ReadJournalHealth).WithName(nameof(ReadJournalHealth));

    /// <summary>
    /// The report. The chain is verified on the first call and whenever <c>verify=true</c>; otherwise
    /// the last verification (this endpoint's or <c>/v1/admin/verify</c>'s) is shown with its time.
    /// </summary>
    internal static async Task<Ok<JournalHealth>> ReadJournalHealth(
        SqliteEventStore tape, ProjectionDaemon daemon, LastVerification verification, MediatR.IMediator mediator, CancellationToken ct, bool verify = false)
    {
        var stats = tape.ReadStats();
        var head = await tape.ReadHeadAsync(ct);
        var verified = verify || verification.Last is null ? await verification.RunAsync(1, null, ct) : verification.Last;
        var projections = await daemon.StatusAsync(ct);
        var deadLetters = daemon.DeadLetters().Count;
        var path = tape.File.DatabasePath;
        var files = FilePermissions.Check(path);
        var canvasMismatches = (await mediator.Send(new Projections.Canvas.CanvasIntegrityQuery(1), ct)).Mismatches;
        var healthy = canvasMismatches == 0 && verified!.Report.IsIntact && projections.All(p => p.State == "running") && deadLetters == 0 && files.All(f => f.OwnerOnly);
        return TypedResults.Ok(new JournalHealth(
            healthy ? "healthy" : "degraded",
            stats.Events,
            stats.Streams,
            stats.ErasedPayloads,
            new Tape.TapeHeadView(head.Seq, Convert.ToHexStringLower(head.Hash.Span)),
            SizeOf(path),
            SizeOf(path + "-wal"),
            tape.File.SchemaVersion,
            MigrationSet.Tape().LatestVersion,
            verified,
            projections,
            deadLetters,
            DiskFree(path),
            files,
            canvasMismatches));
    }

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static long? DiskFree(string path)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(path)).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
