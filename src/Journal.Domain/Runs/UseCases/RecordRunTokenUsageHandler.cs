using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Runs.UseCases;

/// <summary>Records the tokens an active run used since its last record (deltas; the run keeps the totals).</summary>
/// <param name="RunId">The run.</param>
/// <param name="InputTokens">Input tokens used, never negative.</param>
/// <param name="OutputTokens">Output tokens used, never negative.</param>
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
        aggregates.ExecuteAsync<RunState, IRunEvent>(
            request,
            RunDecider.StreamFor(request.RunId),
            RunDecider.Initial,
            RunDecider.Evolve,
            state => RunDecider.Decide(new RecordRunTokenUsage(request.RunId, request.InputTokens, request.OutputTokens, time.GetUtcNow()), state),
            cancellationToken);
}
