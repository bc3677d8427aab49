namespace Journal.Projections.Runtime;

/// <summary>
/// The checkpoints the live engine last published, readable from any thread without its lock, and a
/// pulse that completes at each publication (what read-your-writes waits watch).
/// </summary>
internal sealed class CheckpointBoard
{
    private IReadOnlyDictionary<string, (long Position, bool Stopped, long LastEventAt)> _checkpoints = new Dictionary<string, (long, bool, long)>();
    private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The last published checkpoints, by projection name.</summary>
    public IReadOnlyDictionary<string, (long Position, bool Stopped, long LastEventAt)> Current => _checkpoints;

    /// <summary>Completes at the next publication.</summary>
    public Task Pulse => Volatile.Read(ref _pulse).Task;

    /// <summary>Publishes the engine's checkpoints and wakes whoever waits for the pulse.</summary>
    public void Publish(ProjectionEngine engine)
    {
        _checkpoints = engine.Checkpoints.ToDictionary(c => c.Name, c => (c.Position, c.Stopped, c.LastEventAt), StringComparer.Ordinal);
        Interlocked.Exchange(ref _pulse, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>The lowest published checkpoint among <paramref name="names"/> (all when null; 0 for an unknown name).</summary>
    public long Reached(IReadOnlyCollection<string>? names)
    {
        var checkpoints = _checkpoints;
        IEnumerable<long> positions = names is null
            ? checkpoints.Values.Select(c => c.Position)
            : names.Select(n => checkpoints.TryGetValue(n, out var c) ? c.Position : 0L);
        return positions.DefaultIfEmpty(long.MaxValue).Min();
    }
}
