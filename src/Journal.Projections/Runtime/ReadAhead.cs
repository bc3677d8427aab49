using Journal.EventStore.Ports;
namespace Journal.Projections.Runtime;

/// <summary>
/// At most one page of the tape being read and decoded on the thread pool while the engine applies the
/// page before it. A page is taken only by the position it was read from; anything else (a projection
/// that stopped, a rebuild that changed the batch size) discards it, so read-ahead never changes what is
/// applied, only when it was read. A read that failed is simply read again by the engine.
/// </summary>
internal sealed class ReadAhead : IDisposable
{
    private Task<ReadBatch>? _next;
    private long _from;

    public void Start(ITapeFeed tape, long from, int limit, IReadOnlySet<string> decode)
    {
        Discard();
        _from = from;
        _next = Task.Run(() => ReadBatch.Read(tape, from, limit, decode));
    }

    /// <summary>The page read from <paramref name="from"/>, or null (none pending, another position, or its read failed).</summary>
    public ReadBatch? Take(long from)
    {
        var next = _next;
        _next = null;
        if (next is null)
        {
            return null;
        }

        if (_from != from)
        {
            Observe(next);
            return null;
        }

        try
        {
            return next.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Read again on the engine's thread, where a lasting error surfaces as it always did.
            return null;
        }
    }

    public void Dispose() => Discard();

    private void Discard()
    {
        if (_next is { } next)
        {
            _next = null;
            Observe(next);
        }
    }

    /// <summary>Lets an abandoned read finish on its own and keeps its failure from going unobserved.</summary>
    private static void Observe(Task<ReadBatch> task) => task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
