using Journal.Domain.Tape;

namespace Journal.Domain.Commands;

/// <summary>The common shape of a command on one aggregate: load, decide, save.</summary>
public static class SingleStream
{
    /// <summary>
    /// Loads the aggregate at <paramref name="stream"/>, decides, and appends the events against the
    /// version it was loaded at. A decision with no event writes nothing and answers with the
    /// stream's current position.
    /// </summary>
    public static async Task<CommandResult> ExecuteAsync<TState, TEvent>(
        this IAggregateStore store,
        ICommand command,
        StreamId stream,
        TState initial,
        Func<TState, TEvent, TState> evolve,
        Func<TState, IReadOnlyList<TEvent>> decide,
        CancellationToken ct)
        where TState : class
        where TEvent : class
    {
        var loaded = await store.LoadAsync(stream, initial, evolve, ct).ConfigureAwait(false);
        var events = decide(loaded.State);
        if (events.Count == 0)
        {
            return new CommandResult(stream.Value, loaded.Version, loaded.Position, 0);
        }

        var state = Deciding.Fold.All(loaded.State, events, evolve);
        return await store.SaveAsync([new AggregateChange(stream, loaded.Version, events, state)], command, ct).ConfigureAwait(false);
    }
}
