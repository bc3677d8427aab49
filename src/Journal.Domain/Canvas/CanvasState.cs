using System.Text.Json.Nodes;

namespace Journal.Domain.Canvas;

/// <summary>What the canvas decider needs: the current document, never mutated (patches apply to copies).</summary>
/// <param name="Exists">Whether the canvas was created.</param>
/// <param name="CanvasId">The canvas.</param>
/// <param name="SessionId">Its session.</param>
/// <param name="Document">The current state.</param>
/// <param name="StateSha256">SHA-256 of the current state's canonical form.</param>
/// <param name="Version">The current version, from 1.</param>
public sealed record CanvasState(bool Exists, Guid CanvasId, Guid SessionId, JsonObject Document, string StateSha256, long Version);
