using Journal.Domain.ToolJobs;

namespace Journal.Projections.ToolJobs;

/// <summary>One tool job as the <c>tooljobs.v1</c> read model keeps it.</summary>
/// <param name="SessionId">The session it serves.</param>
/// <param name="RunId">The run that asked for it, if any.</param>
/// <param name="Arguments">The tool's arguments, if any.</param>
/// <param name="Status">Where the job is.</param>
/// <param name="Attempt">The current attempt, from 1.</param>
/// <param name="ExitCode">The exit code of the current attempt, once it ended with one.</param>
/// <param name="FailureReason">Why the current attempt failed or was cancelled, if it did and a reason was given.</param>
/// <param name="Interrupted">Whether crash recovery failed the current attempt.</param>
/// <param name="QueuedAt">When the job was first queued.</param>
/// <param name="StartedAt">When the current attempt started running.</param>
/// <param name="EndedAt">When the current attempt ended (succeeded, failed, cancelled or timed out).</param>
/// <param name="OutputChunks">Output chunks written over every attempt (the next chunk's number).</param>
/// <param name="StreamVersion">The job stream's version this row reflects.</param>
/// <param name="LastPosition">The tape position of the last event this row reflects.</param>
public sealed record ToolJobRow(
    Guid JobId,
    Guid SessionId,
    Guid? RunId,
    string ToolName,
    string? Arguments,
    ToolJobStatus Status,
    int Attempt,
    int? ExitCode,
    string? FailureReason,
    bool Interrupted,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    long OutputChunks,
    long StreamVersion,
    long LastPosition)
{
    /// <summary>How many times the job was queued again after failing or timing out.</summary>
    public int Retries => Attempt - 1;
}

/// <summary>One chunk of a job's output tail.</summary>
/// <param name="Index">The chunk's number in the job, from 0.</param>
/// <param name="Stream">Stdout or stderr.</param>
/// <param name="Text">The chunk.</param>
/// <param name="ByteCount">Its size in UTF-8 bytes.</param>
/// <param name="Sha256">SHA-256 of the chunk as written, lower-case hex.</param>
/// <param name="At">When it was written.</param>
public sealed record ToolOutputChunkRow(long Index, ToolOutputStream Stream, string Text, int ByteCount, string Sha256, DateTimeOffset At);

/// <summary>A tool job with its output tail (oldest chunk first): what <see cref="ToolJobFold"/> folds.</summary>
/// <param name="Job">The job's row.</param>
/// <param name="Tail">The newest chunks of the current attempt, oldest first, within the tail limit the writer asked for.</param>
public sealed record ToolJobView(ToolJobRow Job, IReadOnlyList<ToolOutputChunkRow> Tail)
{
    /// <summary>The UTF-8 bytes of the tail's chunks, in total.</summary>
    public long TailBytes => Tail.Sum(c => (long)c.ByteCount);
}
