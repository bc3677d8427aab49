using Journal.Domain.Commands;
using Journal.Domain.Tape;
using MediatR;

namespace Journal.Domain.Retention.UseCases;

/// <summary>Releases a stream's legal hold.</summary>
/// <param name="Stream">The stream held.</param>
/// <param name="ReleasedBy">Who releases it.</param>
public sealed record ReleaseLegalHoldRequest(string Stream, string ReleasedBy) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="ReleaseLegalHoldRequest"/>.</summary>
public sealed class ReleaseLegalHoldHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<ReleaseLegalHoldRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(ReleaseLegalHoldRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, LegalHoldDecider.Value, new ReleaseLegalHold(StreamId.Parse(request.Stream), request.ReleasedBy, time.GetUtcNow()), cancellationToken);
}
