namespace Journal.EventStore.Tracing;

/// <summary>
/// The traced appends of the last <see cref="Capacity"/> committed append requests, in position order,
/// in memory only: the projection batch that applies their events links to them. Only traced appends
/// are remembered, so with tracing off this holds nothing. Written by the tape's writer, read by the
/// projections.
/// </summary>
internal sealed class AppendTraceLog
{
    /// <summary>Appends remembered; an older one falls out (a batch that far behind gets no link to it).</summary>
    public const int Capacity = 4096;

    private readonly Lock _lock = new();
    private AppendTrace[]? _ring;
    private int _next;
    private int _count;

    /// <summary>Remembers an append; appends come in position order (the writer's commit order).</summary>
    public void Remember(AppendTrace trace)
    {
        lock (_lock)
        {
            _ring ??= new AppendTrace[Capacity];
            _ring[_next] = trace;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
    }

    /// <summary>
    /// Drops what was remembered beyond <paramref name="seq"/>: the group that wrote it did not commit,
    /// and its positions will be written again by others.
    /// </summary>
    public void ForgetAfter(long seq)
    {
        lock (_lock)
        {
            while (_count > 0 && _ring![Newest()].FirstSeq > seq)
            {
                _next = Newest();
                _ring[_next] = default;
                _count--;
            }
        }
    }

    /// <summary>The remembered appends that wrote any position from <paramref name="fromSeq"/> to <paramref name="toSeq"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<AppendTrace> Find(long fromSeq, long toSeq, int limit)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                return [];
            }

            // From the newest back to the first that ends before the range: the newest are what a live batch asks for.
            var found = new List<AppendTrace>();
            for (var i = 0; i < _count; i++)
            {
                var trace = _ring![(_next - 1 - i + Capacity) % Capacity];
                if (trace.LastSeq < fromSeq)
                {
                    break;
                }

                if (trace.FirstSeq <= toSeq)
                {
                    found.Add(trace);
                }
            }

            found.Reverse();
            return found.Count > limit ? found[..limit] : found;
        }
    }

    private int Newest() => (_next - 1 + Capacity) % Capacity;
}
