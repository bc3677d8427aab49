using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.ToolJobs.UseCases;

/// <summary>
/// Records a chunk of a running job's output. The chunk is kept whole on the tape (secrets redacted
/// before it is written); the job's state keeps only a bounded tail.
/// </summary>
/// <param name="JobId">The job; it must be running.</param>
/// <param name="Stream">Which output the chunk came from.</param>
/// <param name="Text">The chunk; not empty, at most <paramref name="MaxTailBytes"/> UTF-8 bytes.</param>
/// <param name="MaxTailBytes">How many bytes of output tail the state keeps (1 byte to 1 MiB).</param>
public sealed record AppendToolJobOutputRequest(
    Guid JobId,
    ToolOutputStream Stream,
    string Text,
    int MaxTailBytes = ToolJobLimits.DefaultTailBytes) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>
/// Handles <see cref="AppendToolJobOutputRequest"/>. The chunk is redacted before the decider sees
/// it, so its SHA-256 and byte count describe the text the tape keeps, never a secret.
/// </summary>
public sealed class AppendToolJobOutputHandler(IAggregateStore aggregates, ITextRedactor redactor, TimeProvider time) : IRequestHandler<AppendToolJobOutputRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(AppendToolJobOutputRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, ToolJobDecider.Value, new AppendToolJobOutput(request.JobId, request.Stream, request.Text is null ? null! : redactor.Redact(request.Text), time.GetUtcNow(), request.MaxTailBytes), cancellationToken);
}
