using Journal.Domain.Tape;

namespace Journal.Domain.Commands;

/// <summary>Folds an aggregate's stream into its current state.</summary>
public interface IAggregateLoader
{
    /// <summary>Loads the aggregate at <paramref name="stream"/> by folding its events with <paramref name="evolve"/>.</summary>
    Task<Loaded<TState>> LoadAsync<TState, TEvent>(StreamId stream, TState initial, Func<TState, TEvent, TState> evolve, CancellationToken ct)
        where TState : class
        where TEvent : class;
}
