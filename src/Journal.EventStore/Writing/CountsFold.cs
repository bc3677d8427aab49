namespace Journal.EventStore.Writing;

/// <summary>
/// When the SQLite writer folds the rows into the kept counts (Sql/Tape/FoldCounts.sql): in the group whose
/// positions reach a multiple of <see cref="Every"/>. Decided by position alone, so a restarted writer keeps the
/// rhythm, and the rows a reader adds to the counts stay fewer than <see cref="Every"/> plus one group's (twice
/// that if the folding group's commit failed).
/// </summary>
internal static class CountsFold
{
    public const long Every = 1024;

    /// <summary>Whether a group holding the positions after <paramref name="after"/> up to <paramref name="through"/> folds.</summary>
    public static bool Crosses(long after, long through) => through / Every > after / Every;
}
