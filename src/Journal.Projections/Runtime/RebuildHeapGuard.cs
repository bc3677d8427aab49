namespace Journal.Projections.Runtime;

/// <summary>
/// Keeps a rebuild's managed heap near its live size. A replay allocates fast and keeps almost nothing
/// between batches, but the garbage collector, under no memory pressure, lets the heap grow with what was
/// allocated (a 10,000,000-event replay peaked at 3 GB while holding a few hundred MB). Between batches, when
/// the heap has passed <see cref="ProjectionOptions.RebuildHeapBytes"/>, the guard asks for a full,
/// compacting collection that returns the freed memory to the operating system. One collection per cap's
/// worth of garbage: a few per hundred thousand events, small against the replay itself.
/// </summary>
internal sealed class RebuildHeapGuard(long capBytes, Func<long> heapBytes, Action collect)
{
    /// <summary>A guard over this process's heap, or one that never collects when <paramref name="capBytes"/> is 0.</summary>
    public static RebuildHeapGuard ForProcess(long capBytes) =>
        new(capBytes, () => GC.GetTotalMemory(forceFullCollection: false), () => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true));

    /// <summary>Collections the guard asked for.</summary>
    public int Collections { get; private set; }

    /// <summary>Called between batches: collects when the heap has passed the cap.</summary>
    public void AfterBatch()
    {
        if (capBytes > 0 && heapBytes() > capBytes)
        {
            collect();
            Collections++;
        }
    }
}
