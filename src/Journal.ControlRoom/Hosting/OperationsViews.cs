using Journal.Projections.Runtime;

namespace Journal.ControlRoom.Hosting;

/// <summary>The parts of the journal's health the operations page shows.</summary>
/// <param name="Status"><c>healthy</c> or <c>degraded</c>, by the health endpoint's rule.</param>
/// <param name="Mode">The storage mode.</param>
/// <param name="Events">Events on the tape.</param>
/// <param name="Head">The tape's head position.</param>
/// <param name="FileBytes">The tape's size on disk.</param>
/// <param name="ChainIntact">The last verification's verdict; null when none ran.</param>
/// <param name="VerifiedAt">When it ran.</param>
/// <param name="EventsSinceVerification">Events written after the verified range.</param>
/// <param name="CanvasHashMismatches">Canvas versions whose replay did not reproduce their hash.</param>
/// <param name="Projections">Each projection with its position, state and lag.</param>
/// <param name="DeadLetters">How many dead letters are kept.</param>
/// <param name="LastSnapshot">The last scheduled backup, if one ran.</param>
public sealed record HealthView(
    string Status,
    string Mode,
    long Events,
    long Head,
    long FileBytes,
    bool? ChainIntact,
    DateTimeOffset? VerifiedAt,
    long EventsSinceVerification,
    long CanvasHashMismatches,
    IReadOnlyList<ProjectionStatus> Projections,
    int DeadLetters,
    BackupRun? LastSnapshot);

/// <summary>A backup that was written (or failed).</summary>
/// <param name="At">When.</param>
/// <param name="Ok">Whether it was written.</param>
/// <param name="Path">The backup file.</param>
/// <param name="HeadSeq">The last event it holds.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Error">Why it failed.</param>
public sealed record BackupRun(DateTimeOffset At, bool Ok, string? Path, long? HeadSeq, long? Bytes, string? Error);

/// <summary>A rebuild as the admin projections endpoint reports it.</summary>
/// <param name="State"><c>idle</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Projection">The projection rebuilt; null for all.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Progress">Events replayed of the total, while running.</param>
/// <param name="Result">What was rebuilt, once succeeded.</param>
/// <param name="Error">Why it failed.</param>
public sealed record RebuildView(
    string State, string? Projection, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, RebuildProgress? Progress, RebuildResult? Result, string? Error)
{
    /// <summary>Whether it is still replaying.</summary>
    public bool Running => State == "running";
}
