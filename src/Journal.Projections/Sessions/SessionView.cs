using Journal.Domain.Runs;

namespace Journal.Projections.Sessions;

/// <summary>
/// A session as the read side shows it: one row of <c>sessions_v2_sessions</c>, and the before/after
/// state of a session delta. Times are whole milliseconds, UTC (the events' own times).
/// </summary>
/// <param name="Principal">On whose behalf it runs.</param>
/// <param name="Device">Its device.</param>
/// <param name="Channel">The channel it came in on.</param>
/// <param name="SessionKey">Its stable key, if any (kept after archiving; only live sessions answer to it).</param>
/// <param name="Label">Its label, if any.</param>
/// <param name="State"><see cref="SessionStates.Active"/> or <see cref="SessionStates.Archived"/>.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When this view last changed.</param>
/// <param name="ArchivedAt">When it was archived, if it was.</param>
/// <param name="LastRunId">The run accepted last in the session, if any (from the runs' streams).</param>
/// <param name="LastRunStatus">That run's status (from the runs' streams).</param>
/// <param name="RunCount">Runs accepted in the session (from the runs' streams).</param>
/// <param name="TranscriptEntryCount">Entries of its transcript (from the transcript's stream).</param>
/// <param name="ForegroundRunId">The foreground run that holds the session now, if any (attached with its acceptance, detached when it ends).</param>
/// <param name="StreamVersion">
/// The version of the session's own stream (<c>session-{id}</c>) this view reflects: its <c>ETag</c>. Runs and
/// transcript entries live on other streams and leave it as it is.
/// </param>
/// <param name="LastPosition">The tape position of the last event that changed this view.</param>
public sealed record SessionView(
    Guid SessionId,
    string Principal,
    string Device,
    string Channel,
    string? SessionKey,
    string? Label,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt,
    Guid? LastRunId,
    RunStatus? LastRunStatus,
    int RunCount,
    long TranscriptEntryCount,
    Guid? ForegroundRunId,
    long StreamVersion,
    long LastPosition);

/// <summary>The values of <see cref="SessionView.State"/>.</summary>
public static class SessionStates
{
    /// <summary>Open for runs and transcript entries.</summary>
    public const string Active = "active";

    /// <summary>Archived: refuses every change.</summary>
    public const string Archived = "archived";

    /// <summary>Checks a state filter.</summary>
    /// <exception cref="Domain.Errors.ValidationException">Neither <c>active</c> nor <c>archived</c>.</exception>
    public static string? Filter(string? state) => state is null or Active or Archived
        ? state
        : throw new Domain.Errors.ValidationException("state", $"must be '{Active}' or '{Archived}'");
}
