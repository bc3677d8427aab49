using Journal.Domain.Commands;
using Journal.Domain.Deciding;

namespace Journal.Domain.Canvas.UseCases;

/// <summary>
/// Loads a canvas and decides a command on it with <see cref="CanvasDecider.Decided"/>, so the change
/// carries the state the decision computed (a fold would apply a patch a second time and drop the
/// canonical bytes the next patch reuses).
/// </summary>
internal static class CanvasChange
{
    /// <summary>Loads the canvas <paramref name="command"/> addresses and decides it.</summary>
    public static async Task<IReadOnlyList<AggregateChange>> DecideAsync(IAggregateLoader load, CanvasCommand command, CancellationToken ct) =>
        Of(await LoadAsync(load, command.CanvasId, ct), command);

    /// <summary>The canvas as of its latest version.</summary>
    public static Task<Loaded<CanvasState>> LoadAsync(IAggregateLoader load, Guid canvasId, CancellationToken ct) =>
        load.LoadAsync(CanvasDecider.Value, CanvasDecider.StreamFor(canvasId), ct);

    /// <summary>The change <paramref name="command"/> makes to <paramref name="canvas"/>.</summary>
    public static IReadOnlyList<AggregateChange> Of(Loaded<CanvasState> canvas, CanvasCommand command)
    {
        var (@event, after) = CanvasDecider.Decided(command, canvas.State);
        return [new AggregateChange(CanvasDecider.StreamFor(command.CanvasId), canvas.Version, [@event], after)];
    }
}
