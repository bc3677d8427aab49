namespace Journal.Domain.ToolJobs;

/// <summary>Records a chunk of a running job's output.</summary>
/// <param name="Stream">Stdout or stderr.</param>
/// <param name="Text">The chunk; not empty, at most <paramref name="MaxTailBytes"/> UTF-8 bytes.</param>
/// <param name="At">The current time.</param>
/// <param name="MaxTailBytes">How many bytes of output tail the state keeps (1 byte to 1 MiB).</param>
public sealed record AppendToolJobOutput(
    Guid JobId,
    ToolOutputStream Stream,
    string Text,
    DateTimeOffset At,
    int MaxTailBytes = ToolJobLimits.DefaultTailBytes) : ToolJobCommand(JobId, At);
