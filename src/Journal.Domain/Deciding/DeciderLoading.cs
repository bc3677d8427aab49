using Journal.Domain.Commands;
using Journal.Domain.Tape;

namespace Journal.Domain.Deciding;

/// <summary>Loading and deciding with a <see cref="Decider{TCommand, TState, TEvent}"/> inside a command.</summary>
public static class DeciderLoading
{
    /// <summary>Loads the aggregate at <paramref name="stream"/> with the decider's initial state and evolve.</summary>
    public static Task<Loaded<TState>> LoadAsync<TCommand, TState, TEvent>(this IAggregateLoader loader, Decider<TCommand, TState, TEvent> decider, StreamId stream, CancellationToken ct)
        where TState : class
        where TEvent : class =>
        loader.LoadAsync(stream, decider.Initial, decider.Evolve, ct);

    /// <summary>
    /// Loads the aggregate <paramref name="command"/> addresses and decides it: the change to append, or
    /// null when the decision has no event.
    /// </summary>
    public static async Task<AggregateChange?> DecideAsync<TCommand, TState, TEvent>(this IAggregateLoader loader, Decider<TCommand, TState, TEvent> decider, TCommand command, CancellationToken ct)
        where TState : class
        where TEvent : class
    {
        var stream = decider.Stream(command);
        var loaded = await loader.LoadAsync(stream, decider.Initial, decider.Evolve, ct).ConfigureAwait(false);
        var events = decider.Decide(command, loaded.State);
        return events.Count == 0
            ? null
            : new AggregateChange(stream, loaded.Version, [.. events], Fold.All(loaded.State, events, decider.Evolve));
    }

    /// <summary>The changes that are not null, for the multi-stream form of a command.</summary>
    public static IReadOnlyList<AggregateChange> Changes(params AggregateChange?[] changes) =>
        [.. changes.OfType<AggregateChange>()];
}
