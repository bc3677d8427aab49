namespace Journal.EventStore.Merkle.Tree;

/// <summary>A position that only moves forward, raised by racing threads without a lock.</summary>
internal static class AtomicMax
{
    /// <summary>Sets <paramref name="field"/> to <paramref name="value"/> when that is larger, atomically.</summary>
    public static void Raise(ref long field, long value)
    {
        var known = Interlocked.Read(ref field);
        while (value > known)
        {
            var seen = Interlocked.CompareExchange(ref field, value, known);
            if (seen == known)
            {
                return;
            }

            known = seen;
        }
    }
}
