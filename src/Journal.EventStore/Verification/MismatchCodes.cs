namespace Journal.EventStore.Verification;

/// <summary>The stable codes of <see cref="ChainMismatch.Code"/>.</summary>
public static class MismatchCodes
{
    /// <summary>A position is missing (a deleted row) or out of order.</summary>
    public const string SeqGap = "seq_gap";

    /// <summary>A row's prev_hash is not the hash of the row before it.</summary>
    public const string PrevHashMismatch = "prev_hash_mismatch";

    /// <summary>A payload's SHA-256 is not its stored digest (the payload was changed).</summary>
    public const string PayloadDigestMismatch = "payload_digest_mismatch";

    /// <summary>The hash recomputed from the row's fields is not its stored hash (an identity field or the metadata was changed).</summary>
    public const string HashMismatch = "hash_mismatch";

    /// <summary>SQLite found the file damaged (a malformed page) while reading the row at this position.</summary>
    public const string FileCorrupt = "file_corrupt";

    /// <summary>A payload is erased but no erasure event records it.</summary>
    public const string ErasureUnrecorded = "erasure_unrecorded";
}
