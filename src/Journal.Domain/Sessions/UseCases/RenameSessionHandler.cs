using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Sessions.UseCases;

/// <summary>Changes a live session's label; the same label again writes nothing.</summary>
public sealed record RenameSessionRequest(Guid SessionId, string Label) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="RenameSessionRequest"/>.</summary>
public sealed class RenameSessionHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<RenameSessionRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(RenameSessionRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, SessionDecider.Value, new RenameSession(request.SessionId, request.Label, time.GetUtcNow()), cancellationToken);
}
