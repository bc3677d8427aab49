using Journal.Domain.Tape;

namespace Journal.Domain.ToolJobs;

/// <summary>A running job wrote a chunk of output. The event keeps the chunk; the state only a bounded tail.</summary>
/// <param name="Index">The chunk's number in the job, from 0.</param>
/// <param name="Stream">Stdout or stderr.</param>
/// <param name="Text">The chunk.</param>
/// <param name="ByteCount">Its size in UTF-8 bytes.</param>
/// <param name="Sha256">SHA-256 of its UTF-8 bytes, lower-case hex.</param>
/// <param name="TailLimitBytes">The most output bytes the state keeps after this chunk (oldest chunks go first).</param>
/// <param name="At">When.</param>
[EventType("tooljob.output_appended.v1")]
public sealed record ToolJobOutputAppended(
    Guid JobId,
    long Index,
    ToolOutputStream Stream,
    string Text,
    int ByteCount,
    string Sha256,
    int TailLimitBytes,
    DateTimeOffset At) : IToolJobEvent;
