using System.Text.Json.Nodes;
using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Canvas.UseCases;

/// <summary>
/// Applies an RFC 6902 JSON Patch to a canvas against the version the editor saw: all operations or
/// none. The patch is redacted like every payload first, so the state it leads to (and its hash) is
/// what a replay of the tape recomputes.
/// </summary>
/// <param name="Patch">The patch document: an array of operations.</param>
/// <param name="ExpectedVersion">The canvas version the patch was made against (<c>stream.wrong_expected_version</c> otherwise).</param>
public sealed record PatchCanvasRequest(Guid CanvasId, JsonNode? Patch, long ExpectedVersion) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="PatchCanvasRequest"/>.</summary>
public sealed class PatchCanvasHandler(IAggregateStore aggregates, IJsonRedactor redactor, TimeProvider time) : IRequestHandler<PatchCanvasRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(PatchCanvasRequest request, CancellationToken cancellationToken)
    {
        var command = new PatchCanvas(request.CanvasId, redactor.Redact(request.Patch), request.ExpectedVersion, time.GetUtcNow());
        return aggregates.ExecuteAsync(request, CanvasDecider.StreamFor(request.CanvasId), (load, ct) => CanvasChange.DecideAsync(load, command, ct), cancellationToken);
    }
}
