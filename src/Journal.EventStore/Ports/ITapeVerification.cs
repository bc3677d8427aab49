using Journal.EventStore.Checkpoints;
using Journal.EventStore.Verification;

namespace Journal.EventStore.Ports;

/// <summary>Checks of the tape's integrity: the chain, the storage file, and the head a checkpoint signs.</summary>
public interface ITapeVerification
{
    /// <summary>Verifies the chain over <paramref name="from"/>..<paramref name="to"/> (the head when null).</summary>
    Task<VerificationReport> VerifyAsync(long from = 1, long? to = null, CancellationToken ct = default);

    /// <summary>The storage's own consistency check; empty when the file is sound.</summary>
    Task<IReadOnlyList<string>> CheckFileAsync(CancellationToken ct = default);

    /// <summary>
    /// The storage's structural check of the tape's end only, bounded whatever the tape's size: the last
    /// <paramref name="rows"/> rows read through the table and each of its indexes (SQLite), or the schema's own
    /// checks (PostgreSQL, whose pages are the server's to check). Empty when sound.
    /// </summary>
    Task<IReadOnlyList<string>> CheckTailAsync(int rows, CancellationToken ct);

    /// <summary>The stored hash of the row at <paramref name="seq"/>; null when there is no such row.</summary>
    Task<byte[]?> ReadHashAtAsync(long seq, CancellationToken ct);

    /// <summary>The head and erasure digest a signed checkpoint commits to.</summary>
    Task<CheckpointState> ReadCheckpointStateAsync(CancellationToken ct);
}
