namespace Journal.EventStore.Verification.Start;

/// <summary>What a start (or the <c>health</c> verb) verified, and why not everything when it did not.</summary>
/// <param name="Scope"><c>tail</c>: only the positions after the verified mark (or the last rows); <c>full</c>: the whole file and chain.</param>
/// <param name="Reason">Why the whole tape was checked (no mark, or a mark that does not match: the tape was replaced or rewritten); null for a tail.</param>
/// <param name="Report">The chain verification of the range checked.</param>
/// <param name="FileProblems">What the storage's structural check found (the file's end for a tail, the whole file for a full check).</param>
/// <param name="MarkSeq">The mark the tail was chained from; null when no mark was used.</param>
public sealed record StartCheck(string Scope, string? Reason, VerificationReport Report, IReadOnlyList<string> FileProblems, long? MarkSeq)
{
    /// <summary>The scope of a check from the verified mark on.</summary>
    public const string Tail = "tail";

    /// <summary>The scope of a check of the whole tape.</summary>
    public const string Full = "full";

    /// <summary>Whether the chain holds over the range and the storage check found nothing.</summary>
    public bool IsSound => Report.IsIntact && FileProblems.Count == 0;
}
