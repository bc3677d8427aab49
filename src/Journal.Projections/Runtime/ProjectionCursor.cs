namespace Journal.Projections.Runtime;

/// <summary>
/// Where one projection stands inside an engine: its checkpoint, whether it is stopped or replaying, and
/// the mark a failed batch restores it to.
/// </summary>
internal sealed class ProjectionCursor(IProjection projection, HashSet<string> types)
{
    private (long Position, bool Stopped, long LastEventAt) _mark;

    public IProjection Projection { get; } = projection;

    /// <summary>The event types the projection handles.</summary>
    public HashSet<string> Types { get; } = types;

    /// <summary>Whether it sees every event, undecoded (an <see cref="IEveryEventProjection"/>).</summary>
    public bool EveryEvent { get; } = projection is IEveryEventProjection;

    /// <summary>Whether the event of <paramref name="eventType"/> goes to the projection.</summary>
    public bool Handles(string eventType) => EveryEvent || Types.Contains(eventType);

    public long Position { get; set; }

    public bool Stopped { get; set; }

    /// <summary>Replaying the tape into empty tables during a rebuild (see <see cref="IReplayFinisher"/>).</summary>
    public bool Replaying { get; set; }

    public long LastEventAt { get; set; }

    public void Mark() => _mark = (Position, Stopped, LastEventAt);

    public void Restore() => (Position, Stopped, LastEventAt) = _mark;
}
