using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Canvas.UseCases;

/// <summary>
/// Makes an earlier version's state the latest, as a new version appended to the history (nothing is
/// rewritten). The earlier state is recomputed from the canvas's own stream.
/// </summary>
/// <param name="Version">The version to restore, from 1 to the current one.</param>
/// <param name="ExpectedVersion">When given, the version the caller saw (<c>stream.wrong_expected_version</c> otherwise).</param>
public sealed record RestoreCanvasRequest(Guid CanvasId, long Version, long? ExpectedVersion = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="RestoreCanvasRequest"/>.</summary>
public sealed class RestoreCanvasHandler(IAggregateStore aggregates, IStreamHistory history, TimeProvider time) : IRequestHandler<RestoreCanvasRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(RestoreCanvasRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stream = CanvasDecider.StreamFor(request.CanvasId);
        return aggregates.ExecuteAsync(request, stream, async (load, ct) =>
        {
            var canvas = await CanvasChange.LoadAsync(load, request.CanvasId, ct);
            var decider = CanvasDecider.Value;
            var target = request.Version >= 1 && request.Version <= canvas.Version
                ? (await history.FoldToAsync(stream, decider.Initial, decider.Evolve, request.Version, ct)).State
                : decider.Initial;
            return CanvasChange.Of(canvas, new RestoreCanvas(request.CanvasId, request.Version, target, request.ExpectedVersion, now));
        }, cancellationToken);
    }
}
