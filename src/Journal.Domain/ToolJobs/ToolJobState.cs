using System.Collections.Immutable;

namespace Journal.Domain.ToolJobs;

/// <summary>What the tool job decider needs to know about one job.</summary>
/// <param name="Exists">Whether the job was queued.</param>
/// <param name="SessionId">The session it serves.</param>
/// <param name="Status">Its status.</param>
/// <param name="Attempt">The current attempt, from 1.</param>
/// <param name="NextChunkIndex">The number the next output chunk gets.</param>
/// <param name="Tail">The newest output chunks, oldest first, at most the tail limit in bytes.</param>
/// <param name="TailBytes">The bytes in <paramref name="Tail"/>.</param>
/// <param name="RetryKeys">Idempotency keys of the retries already made.</param>
public sealed record ToolJobState(
    bool Exists,
    Guid JobId,
    Guid SessionId,
    string ToolName,
    ToolJobStatus Status,
    int Attempt,
    long NextChunkIndex,
    ImmutableList<ToolOutputChunk> Tail,
    long TailBytes,
    ImmutableHashSet<string> RetryKeys);
