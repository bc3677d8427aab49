namespace Journal.Domain.Deciding;

/// <summary>Applies decided events to a state, the way the stream will once they are appended.</summary>
public static class Fold
{
    /// <summary>The state after every event of <paramref name="events"/>.</summary>
    public static TState All<TState, TEvent>(TState state, IEnumerable<TEvent> events, Func<TState, TEvent, TState> evolve)
    {
        foreach (var @event in events)
        {
            state = evolve(state, @event);
        }

        return state;
    }
}
