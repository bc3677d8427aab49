using Journal.Domain.Runs;

namespace Journal.Projections.Runs;

/// <summary>A run as the read side shows it: one row of <c>runs_v2_runs</c>. Times are whole milliseconds, UTC.</summary>
/// <param name="SessionId">Its session.</param>
/// <param name="Kind">Foreground, background or delegated.</param>
/// <param name="ParentRunId">The run that delegated it, for a delegated run.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="CancelRequested">Whether someone asked it to stop.</param>
/// <param name="InputTokens">Input tokens used in total.</param>
/// <param name="OutputTokens">Output tokens used in total.</param>
/// <param name="AcceptedAt">When it was accepted.</param>
/// <param name="StartedAt">When it began work, if it did.</param>
/// <param name="EndedAt">When it reached a terminal status, if it did.</param>
/// <param name="FailureReason">Why it failed, if it failed.</param>
/// <param name="Orphaned">True when crash recovery failed it because no process drove it any more.</param>
/// <param name="AcceptedPosition">The tape position of its acceptance (the listing's order).</param>
/// <param name="StreamVersion">The version of the run's stream (<c>run-{id}</c>) this view reflects: its <c>ETag</c>.</param>
/// <param name="LastPosition">The tape position of the last event that changed this view.</param>
public sealed record RunView(
    Guid RunId,
    Guid SessionId,
    RunKind Kind,
    Guid? ParentRunId,
    RunStatus Status,
    bool CancelRequested,
    long InputTokens,
    long OutputTokens,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? FailureReason,
    bool Orphaned,
    long AcceptedPosition,
    long StreamVersion,
    long LastPosition);
