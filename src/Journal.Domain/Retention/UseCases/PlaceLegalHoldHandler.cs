using Journal.Domain.Commands;
using Journal.Domain.Tape;
using MediatR;

namespace Journal.Domain.Retention.UseCases;

/// <summary>Puts a stream on legal hold: tape retention then erases none of its payloads.</summary>
/// <param name="Stream">The stream to hold (it need not exist yet).</param>
/// <param name="Reason">Why (a case or ticket reference).</param>
/// <param name="PlacedBy">Who places it.</param>
public sealed record PlaceLegalHoldRequest(string Stream, string Reason, string PlacedBy) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="PlaceLegalHoldRequest"/>.</summary>
public sealed class PlaceLegalHoldHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<PlaceLegalHoldRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(PlaceLegalHoldRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, LegalHoldDecider.Value, new PlaceLegalHold(StreamId.Parse(request.Stream), request.Reason, request.PlacedBy, time.GetUtcNow()), cancellationToken);
}
