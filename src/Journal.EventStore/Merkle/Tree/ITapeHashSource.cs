namespace Journal.EventStore.Merkle.Tree;

/// <summary>What the tree reads from a backend's tape: the head, and the chain hashes of runs of positions.</summary>
public interface ITapeHashSource
{
    /// <summary>The tape's journal id.</summary>
    Guid JournalId { get; }

    /// <summary>The highest committed position.</summary>
    Task<long> ReadHeadAsync(CancellationToken ct);

    /// <summary>
    /// Reads the chain hashes of seq <paramref name="fromSeq"/> to <paramref name="fromSeq"/> + <paramref name="count"/> - 1
    /// into <paramref name="destination"/> (32 bytes each, in order); returns how many rows there were (fewer past the head).
    /// </summary>
    /// <exception cref="InvalidDataException">A position is missing inside the run, or a hash is not 32 bytes.</exception>
    Task<int> ReadHashesAsync(long fromSeq, int count, byte[] destination, CancellationToken ct);
}
