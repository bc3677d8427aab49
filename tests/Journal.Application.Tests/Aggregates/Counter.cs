using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Tape;
using Journal.EventStore.Serialization;
using Journal.EventStore.Tests.Support;

namespace Journal.Application.Tests.Aggregates;

/// <summary>A counter's one event: the value it was set to.</summary>
[EventType("test.counter_set.v1")]
public sealed record CounterSet(int Value);

/// <summary>A counter's state (a concrete type: the store remembers states by their type).</summary>
public sealed record CounterState(int Value);

/// <summary>A command to one counter, named by <paramref name="Counter"/>.</summary>
public abstract record CounterCommand(string Counter);

/// <summary>Adds one.</summary>
public sealed record Increment(string Counter) : CounterCommand(Counter);

/// <summary>Adds one, refused (<c>counter.moved</c>) unless the counter is at <paramref name="Expected"/>.</summary>
public sealed record IncrementFrom(string Counter, int Expected) : CounterCommand(Counter);

/// <summary>Sets the value; no event when the counter holds it already.</summary>
public sealed record SetTo(string Counter, int Value) : CounterCommand(Counter);

/// <summary>
/// The request that carries a counter command through the store: its text is the content the
/// idempotency hash covers, so different commands hash differently.
/// </summary>
public sealed record CounterRequest(string Command) : ICommand
{
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>A tiny decider, to drive the aggregate store: stream <c>counter-{name}</c>.</summary>
public static class CounterDecider
{
    /// <summary>The event types of the store's tests: the counter's and the tape tests' own.</summary>
    public static EventTypeRegistry Registry { get; } = new([typeof(CounterSet).Assembly, typeof(Happened).Assembly]);

    public static Decider<CounterCommand, CounterState, CounterSet> Value { get; } = new(c => StreamFor(c.Counter), new CounterState(0), Decide, Evolve);

    public static StreamId StreamFor(string counter) => StreamId.For("counter", counter);

    public static IReadOnlyList<CounterSet> Decide(CounterCommand command, CounterState state) => command switch
    {
        Increment => [new CounterSet(state.Value + 1)],
        IncrementFrom c when state.Value != c.Expected => throw Refuse.Rule("counter.moved", $"counter is at {state.Value}, not {c.Expected}"),
        IncrementFrom => [new CounterSet(state.Value + 1)],
        SetTo c when state.Value == c.Value => [],
        SetTo c => [new CounterSet(c.Value)],
        _ => throw new ArgumentException($"unknown counter command {command.GetType().Name}", nameof(command)),
    };

    public static CounterState Evolve(CounterState state, CounterSet @event) => new(@event.Value);
}
