namespace Journal.Projections.Runtime;

/// <summary>Where a projection stands.</summary>
/// <param name="Name">Versioned name.</param>
/// <param name="Position">Checkpoint: the last tape position applied.</param>
/// <param name="State"><c>running</c> or <c>stopped</c> (after a poison event with the stop policy).</param>
/// <param name="LagEvents">Tape head minus checkpoint.</param>
/// <param name="LagMs">Time between the head's event and the checkpoint's event, milliseconds.</param>
/// <param name="DeadLetters">Events it could not apply.</param>
public sealed record ProjectionStatus(string Name, long Position, string State, long LagEvents, long LagMs, int DeadLetters);

/// <summary>An event a projection could not apply.</summary>
/// <param name="Seq">The event's position.</param>
/// <param name="EventId">The event's id.</param>
/// <param name="EventType">Its type.</param>
/// <param name="Error">What went wrong.</param>
/// <param name="Action"><c>stopped</c> or <c>skipped</c>.</param>
/// <param name="RecordedAt">When it was recorded as dead, unix milliseconds.</param>
public sealed record DeadLetter(string Projection, long Seq, string EventId, string EventType, string Error, string Action, long RecordedAt);

/// <summary>A read-your-writes query waited longer than allowed for the projections to reach its position.</summary>
public sealed class StaleReadException(long wanted, long reached)
    : Domain.Errors.JournalException("projection.stale", $"the read models have reached position {reached}, not yet {wanted}; retry later")
{
    /// <summary>The position asked for.</summary>
    public long Wanted { get; } = wanted;

    /// <summary>The position reached.</summary>
    public long Reached { get; } = reached;

    /// <inheritdoc />
    public override bool IsRefusal => false;
}
