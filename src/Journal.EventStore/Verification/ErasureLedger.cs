using Journal.EventStore.Checkpoints;
using Journal.EventStore.Erasure;

namespace Journal.EventStore.Verification;

/// <summary>
/// Reads which payloads are erased, for signing a checkpoint and for checking one, each in one read
/// snapshot (an erasure committed meanwhile is either wholly in it, record and NULL, or not at all).
/// </summary>
internal static class ErasureLedger
{
    /// <summary>The head and the count and digest of the erased positions up to it.</summary>
    public static async Task<CheckpointState> ReadStateAsync(IChainSource source, CancellationToken ct)
    {
        var (seq, hash) = await source.ReadHeadAsync(ct).ConfigureAwait(false);
        using var digest = new ErasedSeqsDigest();
        await source.ReadErasedSeqsAsync(seq, digest.Append, ct).ConfigureAwait(false);
        return new CheckpointState(seq, hash, digest.Count, digest.Finish());
    }

    /// <summary>
    /// The erasures seen from <paramref name="checkpointSeq"/>: every erased payload a record after it lists,
    /// and the count and digest of the other erased positions up to it (what the checkpoint counted).
    /// </summary>
    public static async Task<ErasureAudit> AuditAsync(IChainSource source, long checkpointSeq, CancellationToken ct)
    {
        var recordedAfter = new Dictionary<long, (long RecordSeq, string Reason)>();
        await source.ReadErasureRecordsAfterAsync(
            checkpointSeq,
            (recordSeq, payload) =>
            {
                // A record that does not decode is the chain check's to report; here it lists nothing.
                if (payload is not null && ErasureRecord.TryDecode(payload, recordSeq, out var seqs, out var reason))
                {
                    foreach (var erased in seqs)
                    {
                        recordedAfter.TryAdd(erased, (recordSeq, reason));
                    }
                }
            },
            ct).ConfigureAwait(false);

        using var digest = new ErasedSeqsDigest();
        var since = new List<ErasedSinceCheckpoint>();
        await source.ReadErasedSeqsAsync(
            long.MaxValue,
            erased =>
            {
                if (recordedAfter.TryGetValue(erased, out var record))
                {
                    since.Add(new ErasedSinceCheckpoint(erased, record.RecordSeq, record.Reason));
                }
                else if (erased <= checkpointSeq)
                {
                    digest.Append(erased);
                }
            },
            ct).ConfigureAwait(false);

        return new ErasureAudit(digest.Count, digest.Finish(), since);
    }
}
