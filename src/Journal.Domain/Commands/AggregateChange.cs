using Journal.Domain.Tape;

namespace Journal.Domain.Commands;

/// <summary>The outcome of deciding on one aggregate: the events to append and the state they lead to.</summary>
/// <param name="Stream">The aggregate's stream.</param>
/// <param name="ExpectedVersion">The version the decision was made on.</param>
/// <param name="Events">Event records to append (their tape type names come from <see cref="EventTypeAttribute"/>).</param>
/// <param name="NewState">The state after the events, remembered so the next load need not replay them.</param>
public sealed record AggregateChange(StreamId Stream, long ExpectedVersion, IReadOnlyList<object> Events, object NewState);
