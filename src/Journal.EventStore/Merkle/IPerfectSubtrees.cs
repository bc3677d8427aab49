namespace Journal.EventStore.Merkle;

/// <summary>Where the hashes of complete subtrees come from: a store of the tape's tree, or a list of leaves in a test.</summary>
public interface IPerfectSubtrees
{
    /// <summary>
    /// The hash of each range, in order. Every range is perfect (<see cref="SubtreeRange.IsPerfect"/>) and ends at or
    /// before the tree size the caller asked about.
    /// </summary>
    IReadOnlyList<byte[]> Hashes(IReadOnlyList<SubtreeRange> ranges);
}
