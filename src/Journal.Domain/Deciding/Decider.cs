using Journal.Domain.Tape;

namespace Journal.Domain.Deciding;

/// <summary>
/// An aggregate's decider as a value: which stream a command addresses, the state before the first
/// event, what a command decides on a state, and how an event changes a state. The store runs it in
/// one call (<see cref="Commands.IAggregateStore.ExecuteAsync{TCommand, TState, TEvent}"/>).
/// </summary>
/// <typeparam name="TCommand">The aggregate's command base type.</typeparam>
/// <typeparam name="TState">The aggregate's state.</typeparam>
/// <typeparam name="TEvent">The aggregate's event base type.</typeparam>
/// <param name="Stream">The stream a command addresses.</param>
/// <param name="Initial">The state of a stream with no event.</param>
/// <param name="Decide">The events a command leads to (none when nothing changes); throws a domain error to refuse.</param>
/// <param name="Evolve">The state after one event.</param>
public sealed record Decider<TCommand, TState, TEvent>(
    Func<TCommand, StreamId> Stream,
    TState Initial,
    Func<TCommand, TState, IReadOnlyList<TEvent>> Decide,
    Func<TState, TEvent, TState> Evolve)
    where TState : class
    where TEvent : class;
