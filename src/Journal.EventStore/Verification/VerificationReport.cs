namespace Journal.EventStore.Verification;

/// <summary>Outcome of checking the chain.</summary>
public enum VerificationStatus
{
    /// <summary>Every link checked holds.</summary>
    Intact,

    /// <summary>A link is broken; <see cref="VerificationReport.FirstMismatch"/> says where.</summary>
    Broken,
}

/// <summary>The first place the chain does not hold. Never carries payload text.</summary>
/// <param name="Seq">Position of the row at fault.</param>
/// <param name="EventId">Its event id, when the row exists.</param>
/// <param name="Code">
/// One of <see cref="MismatchCodes"/>: <c>seq_gap</c>, <c>storage_class_mismatch</c>, <c>reordered</c>,
/// <c>prev_hash_mismatch</c>, <c>payload_digest_mismatch</c>, <c>hash_mismatch</c>, <c>stream_version_gap</c>,
/// <c>stream_version_duplicate</c>, <c>erasure_record_malformed</c>, <c>erasure_unrecorded</c> or <c>file_corrupt</c>.
/// </param>
/// <param name="Expected">What the chain requires there (a position, a version, a column and its storage class, or a hex hash; docs/hash-chain.md lists them per code).</param>
/// <param name="Found">What the file holds.</param>
public sealed record ChainMismatch(long Seq, Guid? EventId, string Code, string Expected, string Found);

/// <summary>The verification report.</summary>
/// <param name="Status">Intact or broken.</param>
/// <param name="From">First position checked.</param>
/// <param name="To">Last position in the range (the head when not bounded).</param>
/// <param name="EventsChecked">Rows checked.</param>
/// <param name="ErasedPayloads">Rows checked whose payload is erased (their digests still chain).</param>
/// <param name="HeadSeq">The tape's head position.</param>
/// <param name="HeadHash">The head's hash, hex.</param>
/// <param name="FirstMismatch">The first broken link, when broken.</param>
/// <param name="ElapsedMs">How long the check took.</param>
public sealed record VerificationReport(
    VerificationStatus Status,
    long From,
    long To,
    long EventsChecked,
    long ErasedPayloads,
    long HeadSeq,
    string HeadHash,
    ChainMismatch? FirstMismatch,
    double ElapsedMs)
{
    /// <summary>Whether the chain holds over the range.</summary>
    public bool IsIntact => Status == VerificationStatus.Intact;
}
