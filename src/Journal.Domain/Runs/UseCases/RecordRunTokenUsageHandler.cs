using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Runs.UseCases;

/// <summary>
/// Records the input and output tokens an active run used since its last record (deltas, never
/// negative; the run keeps the totals). Two zeros write nothing.
/// </summary>
public sealed record RecordRunTokenUsageRequest(Guid RunId, long InputTokens, long OutputTokens) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="RecordRunTokenUsageRequest"/>.</summary>
public sealed class RecordRunTokenUsageHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<RecordRunTokenUsageRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(RecordRunTokenUsageRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, RunDecider.Value, new RecordRunTokenUsage(request.RunId, request.InputTokens, request.OutputTokens, time.GetUtcNow()), cancellationToken);
}
