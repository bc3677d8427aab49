namespace Journal.EventStore.Merkle.Tree;

/// <summary>A stored complete subtree: node <see cref="Index"/> at <see cref="Level"/> covers the leaves [Index * 2^Level, (Index + 1) * 2^Level).</summary>
public readonly record struct TreeNode(int Level, long Index, byte[] Hash)
{
    /// <summary>The node that is the perfect range <paramref name="range"/>.</summary>
    public static (int Level, long Index) KeyOf(SubtreeRange range) => (range.Level, range.Start >> range.Level);
}

/// <summary>
/// How far a stored tree is built: its complete subtrees cover the first <see cref="BuiltSize"/> leaves, built from
/// the tape of <see cref="JournalId"/> whose event at seq <see cref="BuiltSize"/> has <see cref="BuiltHash"/>.
/// </summary>
public sealed record TreeState(long BuiltSize, Guid JournalId, byte[]? BuiltHash);
