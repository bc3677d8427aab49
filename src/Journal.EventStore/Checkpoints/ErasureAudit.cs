namespace Journal.EventStore.Checkpoints;

/// <summary>The erasures of a tape seen from a checkpointed position.</summary>
/// <param name="ErasedCount">Erased payloads at or before the position that no record after it lists: those the checkpoint should have counted.</param>
/// <param name="ErasedDigest">The <see cref="ErasedSeqsDigest"/> of those positions.</param>
/// <param name="Since">Every erased payload a record after the position lists, in position order.</param>
public sealed record ErasureAudit(long ErasedCount, ReadOnlyMemory<byte> ErasedDigest, IReadOnlyList<ErasedSinceCheckpoint> Since);
