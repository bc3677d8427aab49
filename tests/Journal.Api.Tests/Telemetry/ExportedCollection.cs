namespace Journal.Api.Tests.Telemetry;

/// <summary>
/// What an in-memory exporter hands over (spans or metrics), safe to read while the exporter adds to it,
/// with a wait on a condition: every host in the test process feeds the same listeners, so a test picks
/// its own items out by what it sent.
/// </summary>
public sealed class ExportedCollection<T> : ICollection<T>
{
    private readonly List<T> _items = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    /// <summary>A copy of what was exported so far.</summary>
    public IReadOnlyList<T> Snapshot()
    {
        lock (_lock)
        {
            return [.. _items];
        }
    }

    /// <summary>Waits until <paramref name="found"/> answers non-null over what was exported, at most 30 seconds.</summary>
    public async Task<TResult> WaitForAsync<TResult>(Func<IReadOnlyList<T>, TResult?> found)
        where TResult : class
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task added;
            lock (_lock)
            {
                added = _added.Task;
            }

            if (found(Snapshot()) is { } result)
            {
                return result;
            }

            try
            {
                await added.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"what was waited for was not exported within 30 seconds ({Count} items exported)");
            }
        }
    }

    public void Add(T item)
    {
        TaskCompletionSource added;
        lock (_lock)
        {
            _items.Add(item);
            added = _added;
            _added = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        added.TrySetResult();
    }

    public void Clear()
    {
        lock (_lock)
        {
            _items.Clear();
        }
    }

    public bool Contains(T item)
    {
        lock (_lock)
        {
            return _items.Contains(item);
        }
    }

    public void CopyTo(T[] array, int arrayIndex)
    {
        lock (_lock)
        {
            _items.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(T item)
    {
        lock (_lock)
        {
            return _items.Remove(item);
        }
    }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
