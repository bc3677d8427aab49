namespace Journal.Domain.Canvas;

/// <summary>Marker of the events of one canvas's stream, <c>canvas-{canvasId}</c>.</summary>
public interface ICanvasEvent
{
    /// <summary>The canvas.</summary>
    Guid CanvasId { get; }

    /// <summary>The canvas version this event makes (1 for the creation; each patch or restore adds one).</summary>
    long Version { get; }

    /// <summary>SHA-256 of the canonical form (<see cref="Patching.CanonicalJson"/>) of the state after this event.</summary>
    string StateSha256 { get; }
}
