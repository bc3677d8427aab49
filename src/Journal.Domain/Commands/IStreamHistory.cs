using Journal.Domain.Tape;

namespace Journal.Domain.Commands;

/// <summary>
/// Folds a stream as it was at an earlier version (time travel on the write side), without touching
/// the aggregate store's cache of latest states.
/// </summary>
public interface IStreamHistory
{
    /// <summary>Folds the events of <paramref name="stream"/> from version 1 up to and including <paramref name="toVersion"/>.</summary>
    /// <returns>The state, the version reached (lower when the stream is shorter) and that event's position.</returns>
    Task<Loaded<TState>> FoldToAsync<TState, TEvent>(StreamId stream, TState initial, Func<TState, TEvent, TState> evolve, long toVersion, CancellationToken ct)
        where TState : class
        where TEvent : class;
}
