namespace Journal.EventStore.Checkpoints;

/// <summary>What a checkpoint signs about a tape, read in one consistent snapshot of it.</summary>
/// <param name="Seq">The head position (0 for an empty tape).</param>
/// <param name="HeadHash">The hash there (32 zero bytes for an empty tape).</param>
/// <param name="ErasedCount">Rows at or before <paramref name="Seq"/> whose payload is erased.</param>
/// <param name="ErasedDigest">The <see cref="ErasedSeqsDigest"/> of their positions.</param>
public sealed record CheckpointState(long Seq, ReadOnlyMemory<byte> HeadHash, long ErasedCount, ReadOnlyMemory<byte> ErasedDigest);
