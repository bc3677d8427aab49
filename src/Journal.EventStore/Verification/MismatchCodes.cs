namespace Journal.EventStore.Verification;

/// <summary>The stable codes of <see cref="ChainMismatch.Code"/>.</summary>
public static class MismatchCodes
{
    /// <summary>A position is missing: the row there was deleted, or moved past the end.</summary>
    public const string SeqGap = "seq_gap";

    /// <summary>A column holds its value in another SQLite storage class than the tape's (for example a stream id stored as a BLOB).</summary>
    public const string StorageClassMismatch = "storage_class_mismatch";

    /// <summary>A row's prev_hash is the hash of another row than the one before it: rows were moved (swapped or permuted).</summary>
    public const string Reordered = "reordered";

    /// <summary>A row's prev_hash is not the hash of the row before it, nor of any other row.</summary>
    public const string PrevHashMismatch = "prev_hash_mismatch";

    /// <summary>A payload's SHA-256 is not its stored digest (the payload was changed).</summary>
    public const string PayloadDigestMismatch = "payload_digest_mismatch";

    /// <summary>The hash recomputed from the row's fields is not its stored hash (an identity field or the metadata was changed).</summary>
    public const string HashMismatch = "hash_mismatch";

    /// <summary>SQLite found the file damaged (a malformed page) while reading the row at this position.</summary>
    public const string FileCorrupt = "file_corrupt";

    /// <summary>A row's stream version skips ahead of the stream's next version (or the stream does not start at 1).</summary>
    public const string StreamVersionGap = "stream_version_gap";

    /// <summary>A row's stream version repeats one the stream already has.</summary>
    public const string StreamVersionDuplicate = "stream_version_duplicate";

    /// <summary>A payload is erased but no later erasure record lists it (the record is missing, or was cut off with the tail).</summary>
    public const string ErasureUnrecorded = "erasure_unrecorded";

    /// <summary>An erasure record's payload is not the map docs/hash-chain.md defines.</summary>
    public const string ErasureRecordMalformed = "erasure_record_malformed";
}
