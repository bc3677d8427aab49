namespace Journal.EventStore.Verification;

/// <summary>
/// One consistent snapshot of a tape, as verification reads it: what differs between the backends is how rows
/// are read, never what is checked (<see cref="ChainVerification"/> and <see cref="ErasureLedger"/> do that once
/// for all). Opened per check and disposed at its end, which ends the snapshot.
/// </summary>
internal interface IChainSource : IAsyncDisposable
{
    /// <summary>The head position and its hash; (0, genesis) for an empty tape.</summary>
    ValueTask<(long Seq, byte[] Hash)> ReadHeadAsync(CancellationToken ct);

    /// <summary>The stored hash at <paramref name="seq"/>; null when there is no such row or it is not 32 bytes.</summary>
    ValueTask<byte[]?> ReadHashAtAsync(long seq, CancellationToken ct);

    /// <summary>
    /// The rows of <paramref name="from"/>..<paramref name="to"/> in seq order. The other lookups of this source
    /// may be made between two rows.
    /// </summary>
    ValueTask<IChainRows> OpenRangeAsync(long from, long to, CancellationToken ct);

    /// <summary>The first position other than <paramref name="seq"/> whose hash is <paramref name="hash"/>; null when none.</summary>
    ValueTask<long?> FindSeqByHashAsync(byte[] hash, long seq, CancellationToken ct);

    /// <summary>The last version of the stream (its id as UTF-8) before position <paramref name="before"/>; 0 when none.</summary>
    ValueTask<long> ReadVersionBeforeAsync(byte[] streamUtf8, long before, CancellationToken ct);

    /// <summary>Calls <paramref name="each"/> with every position up to <paramref name="to"/> whose payload is erased, ascending.</summary>
    ValueTask ReadErasedSeqsAsync(long to, Action<long> each, CancellationToken ct);

    /// <summary>Calls <paramref name="each"/> with the position and payload (null when erased) of every erasure record after <paramref name="after"/>, ascending.</summary>
    ValueTask ReadErasureRecordsAfterAsync(long after, Action<long, byte[]?> each, CancellationToken ct);

    /// <summary>Whether <paramref name="error"/> says the storage itself is damaged (reported as <see cref="MismatchCodes.FileCorrupt"/>).</summary>
    bool IsCorrupt(Exception error);
}
