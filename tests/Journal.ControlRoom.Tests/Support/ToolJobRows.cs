using Journal.Domain.ToolJobs;
using Journal.Projections.ToolJobs;

namespace Journal.ControlRoom.Tests.Support;

/// <summary>Tool-job read-model rows for component tests: a job and the chunks of its tail.</summary>
public static class ToolJobRows
{
    private static readonly DateTimeOffset At = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    public static ToolJobRow Job(Guid sessionId, string tool, ToolJobStatus status = ToolJobStatus.Running, int attempt = 1, long lastPosition = 10) =>
        new(Guid.NewGuid(), sessionId, null, tool, null, status, attempt, null, null, false, At, At.AddSeconds(1), null, 0, 2, lastPosition);

    public static ToolOutputChunkRow Chunk(long index, ToolOutputStream stream, string text) =>
        new(index, stream, text, System.Text.Encoding.UTF8.GetByteCount(text), new string('0', 64), At.AddSeconds(index));

    public static ToolJobView View(ToolJobRow job, params ToolOutputChunkRow[] tail) => new(job with { OutputChunks = tail.Length }, tail);
}
