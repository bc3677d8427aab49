namespace Journal.Projections.Runtime;

/// <summary>
/// A projection: reads events off the tape and keeps read-model tables in the read-model database.
/// Its tables are named with <see cref="ProjectionNames.TablePrefix"/> of its versioned name
/// (<c>sessions.v1</c> owns <c>sessions_v1_*</c>), so a new version builds new tables from the
/// start of the tape and the old version's tables are dropped.
/// </summary>
public interface IProjection
{
    /// <summary>Versioned name, such as <c>sessions.v1</c>. Changing the version rebuilds the projection.</summary>
    string Name { get; }

    /// <summary>The tape event types it handles; others never reach <see cref="Apply"/>.</summary>
    IReadOnlyCollection<string> EventTypes { get; }

    /// <summary>Creates its tables and indexes (idempotent: <c>IF NOT EXISTS</c>).</summary>
    void Create(ReadModelWriter db);

    /// <summary>Applies one event, dispatching on its payload with a <c>switch</c>. Runs inside the batch's transaction.</summary>
    void Apply(ReadModelWriter db, ProjectedEvent e);
}

/// <summary>An event handed to projections: the tape row and its payload decoded once (null when erased or unknown).</summary>
/// <param name="Event">The tape row.</param>
/// <param name="Payload">The decoded event record.</param>
public sealed record ProjectedEvent(Domain.Tape.RecordedEvent Event, object? Payload)
{
    /// <summary>The event's position.</summary>
    public long Seq => Event.Seq;

    /// <summary>When it was recorded, unix milliseconds.</summary>
    public long RecordedAt => Event.RecordedAt;
}

/// <summary>Naming rules for projections.</summary>
public static class ProjectionNames
{
    /// <summary>The table prefix of a projection: <c>sessions.v1</c> becomes <c>sessions_v1_</c>.</summary>
    public static string TablePrefix(string name) => name.Replace('.', '_') + "_";
}
