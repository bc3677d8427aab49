using System.Text.Json.Nodes;
using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Canvas.UseCases;

/// <summary>Creates a canvas with an initial state (any JSON object), version 1.</summary>
/// <param name="CanvasId">The new canvas's id (a new one when null).</param>
/// <param name="SessionId">The session it belongs to.</param>
/// <param name="State">The initial state. It is redacted like every payload before it is hashed, so the hash describes what the tape keeps.</param>
public sealed record CreateCanvasRequest(Guid? CanvasId, Guid SessionId, JsonObject? State) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="CreateCanvasRequest"/>.</summary>
public sealed class CreateCanvasHandler(IAggregateStore aggregates, IJsonRedactor redactor, TimeProvider time) : IRequestHandler<CreateCanvasRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(CreateCanvasRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var command = new CreateCanvas(request.CanvasId ?? Guid.CreateVersion7(now), request.SessionId, redactor.Redact(request.State) as JsonObject, now);
        return aggregates.ExecuteAsync(request, CanvasDecider.StreamFor(command.CanvasId), (load, ct) => CanvasChange.DecideAsync(load, command, ct), cancellationToken);
    }
}
