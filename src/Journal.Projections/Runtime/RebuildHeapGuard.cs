namespace Journal.Projections.Runtime;

/// <summary>
/// Keeps a rebuild's managed heap near its live size. A replay allocates fast and keeps little between
/// batches, but the garbage collector, under no memory pressure, lets the heap grow with what was allocated
/// (a 10,000,000-event replay peaked at 3 GB while holding a few hundred MB). Between batches, when the heap
/// has passed its threshold, the guard asks for a full, compacting collection that returns the freed memory
/// to the operating system. The threshold is what the last collection left alive plus
/// <see cref="ProjectionOptions.RebuildHeapBytes"/>: the heap stays within one cap of its live size, and each
/// collection frees at least a cap's worth, so their cost stays a small share of the replay even when the
/// caches alone come near the cap.
/// </summary>
internal sealed class RebuildHeapGuard(long capBytes, Func<long> heapBytes, Action collect)
{
    private long _raised;

    /// <summary>A guard over this process's heap, or one that never collects when <paramref name="capBytes"/> is 0.</summary>
    public static RebuildHeapGuard ForProcess(long capBytes) =>
        new(capBytes, () => GC.GetTotalMemory(forceFullCollection: false), () => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true));

    /// <summary>Collections the guard asked for.</summary>
    public int Collections { get; private set; }

    /// <summary>Called between batches: collects when the heap has passed the threshold, then sets the next one.</summary>
    public void AfterBatch()
    {
        if (capBytes <= 0 || heapBytes() <= Math.Max(capBytes, _raised))
        {
            return;
        }

        collect();
        Collections++;
        _raised = heapBytes() + capBytes;
    }
}
