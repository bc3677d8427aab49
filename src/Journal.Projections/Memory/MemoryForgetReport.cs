namespace Journal.Projections.Memory;

/// <summary>What a purge or a retention pass forgot.</summary>
/// <param name="Removed">Each item forgotten, with the rule or reason that removed it.</param>
/// <param name="ErasedPayloads">Tape payloads erased.</param>
/// <param name="Position">The highest tape position written (0 when nothing was): a query with this as its minimum position sees the result.</param>
public sealed record MemoryForgetReport(IReadOnlyList<MemoryRemoval> Removed, int ErasedPayloads, long Position)
{
    /// <summary>Nothing forgotten.</summary>
    public static MemoryForgetReport Empty { get; } = new([], 0, 0);

    /// <summary>How many items each reason removed.</summary>
    public IReadOnlyDictionary<string, int> Counts => Removed.GroupBy(r => r.Reason, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}

/// <summary>One forgotten item.</summary>
/// <param name="Reason">Why (see <see cref="Domain.Memory.MemoryForgetReasons"/>).</param>
public sealed record MemoryRemoval(Guid ItemId, string Reason);
