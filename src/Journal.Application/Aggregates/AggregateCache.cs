namespace Journal.Application.Aggregates;

/// <summary>
/// The latest known state of recently used aggregates, so that a command loads only the events it has
/// not seen. Bounded (least recently used entries go first); thread-safe.
/// </summary>
internal sealed class AggregateCache(int capacity)
{
    private readonly Dictionary<(string Stream, Type State), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _order = new();
    private readonly Lock _lock = new();

    public bool TryGet(string stream, Type stateType, out Entry entry)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue((stream, stateType), out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                entry = node.Value;
                return true;
            }
        }

        entry = default;
        return false;
    }

    public void Set(string stream, object state, long version, long position, long? erasures)
    {
        var key = (stream, state.GetType());
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                if (existing.Value.Version > version)
                {
                    return;
                }

                _order.Remove(existing);
            }

            var node = _order.AddFirst(new Entry(stream, state, version, position, erasures));
            _entries[key] = node;
            while (_entries.Count > capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _entries.Remove((last.Value.Stream, last.Value.State.GetType()));
            }
        }
    }

    public void Forget(string stream)
    {
        lock (_lock)
        {
            foreach (var key in _entries.Keys.Where(k => k.Stream == stream).ToList())
            {
                _order.Remove(_entries[key]);
                _entries.Remove(key);
            }
        }
    }

    /// <param name="Erasures">The tape's erased-payload count read before the state was first folded (null when not read): what a snapshot of it records.</param>
    internal readonly record struct Entry(string Stream, object State, long Version, long Position, long? Erasures);
}
