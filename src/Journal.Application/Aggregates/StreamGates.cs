namespace Journal.Application.Aggregates;

/// <summary>
/// One queue per stream for the commands of this process: a command enters its primary stream's gate
/// before it loads and leaves after its append, so commands on one aggregate never race each other here
/// (races with other processes are still caught by the append's expected version). A gate lives only
/// while a command holds or awaits it.
/// </summary>
internal sealed class StreamGates
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Waits for <paramref name="stream"/>'s gate; dispose the result to leave it.</summary>
    public async Task<IDisposable> EnterAsync(string stream, CancellationToken ct)
    {
        Gate gate;
        lock (_lock)
        {
            if (!_gates.TryGetValue(stream, out gate!))
            {
                gate = new Gate(this, stream);
                _gates.Add(stream, gate);
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            Release(gate, entered: false);
            throw;
        }

        return gate.Lease();
    }

    private void Release(Gate gate, bool entered)
    {
        if (entered)
        {
            gate.Semaphore.Release();
        }

        lock (_lock)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(gate.Stream);
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate(StreamGates owner, string stream)
    {
        public string Stream { get; } = stream;

        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }

        public Held Lease() => new(owner, this);
    }

    private sealed class Held(StreamGates owner, Gate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(gate, entered: true);
            }
        }
    }
}
