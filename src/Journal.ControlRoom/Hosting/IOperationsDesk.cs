using Journal.Projections.Runtime;

namespace Journal.ControlRoom.Hosting;

/// <summary>
/// The operations page's view of the host: what <c>GET /v1/journal/health</c>, <c>GET /v1/admin/projections</c>,
/// <c>POST /v1/admin/projections/rebuild</c> and <c>POST /v1/admin/backup</c> read and run, through the same
/// services, so the page and the API never disagree.
/// </summary>
public interface IOperationsDesk
{
    /// <summary>Health as the health endpoint reports it (without verifying): anyone signed in may read it.</summary>
    Task<HealthView> ReadHealthAsync(CancellationToken ct);

    /// <summary>The dead letters, as the admin projections endpoint lists them.</summary>
    IReadOnlyList<DeadLetter> ReadDeadLetters();

    /// <summary>The running or last rebuild.</summary>
    RebuildView ReadRebuild();

    /// <summary>Starts a rebuild of one projection, or of all when null; refused as the admin endpoint refuses (unknown name, one already running).</summary>
    RebuildView StartRebuild(string? projection);

    /// <summary>Writes a backup of the tape now, as the admin backup endpoint does.</summary>
    Task<BackupRun> BackupAsync(CancellationToken ct);
}
