using System.Text.Json.Nodes;

namespace Journal.Domain.Canvas;

/// <summary>What the canvas decider needs: the current document, never mutated (patches apply to copies).</summary>
/// <param name="Exists">Whether the canvas was created.</param>
/// <param name="SessionId">Its session.</param>
/// <param name="Document">The current state.</param>
/// <param name="StateSha256">SHA-256 of the current state's canonical form.</param>
/// <param name="Version">The current version, from 1.</param>
public sealed record CanvasState(bool Exists, Guid CanvasId, Guid SessionId, JsonObject Document, string StateSha256, long Version)
{
    /// <summary>
    /// The canonical bytes of <see cref="Document"/>'s small containers, when the decider made this
    /// state (null after a fold from the tape): the next patch re-serializes only what it touches.
    /// </summary>
    public Patching.CanonicalCache? Canonical { get; init; }
}
