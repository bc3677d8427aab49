using Journal.Domain.Commands;
using Journal.Domain.Tape;

namespace Journal.EventStore.Aggregates;

/// <summary><see cref="IStreamHistory"/> over the SQLite tape: reads the stream in pages and folds the decoded events.</summary>
public sealed class StreamHistory(IEventStore store, Serialization.PayloadSerializer serializer) : IStreamHistory
{
    private const int PageSize = 512;

    /// <inheritdoc />
    public async Task<Loaded<TState>> FoldToAsync<TState, TEvent>(StreamId stream, TState initial, Func<TState, TEvent, TState> evolve, long toVersion, CancellationToken ct)
        where TState : class
        where TEvent : class
    {
        var (state, version, position) = (initial, 0L, 0L);
        while (version < toVersion)
        {
            var count = (int)Math.Min(PageSize, toVersion - version);
            var slice = await store.ReadStreamAsync(stream, version + 1, ReadDirection.Forward, count, ct).ConfigureAwait(false);
            foreach (var recorded in slice.Events)
            {
                if (recorded.Payload is { } payload && serializer.Decode(recorded.EventType, payload) is TEvent @event)
                {
                    state = evolve(state, @event);
                }

                version = recorded.StreamVersion;
                position = recorded.Seq;
            }

            if (slice.Events.Count == 0 || slice.NextVersion is null)
            {
                break;
            }
        }

        return new Loaded<TState>(state, version, position);
    }
}
