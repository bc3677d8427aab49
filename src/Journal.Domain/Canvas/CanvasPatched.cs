using System.Text.Json.Nodes;
using Journal.Domain.Tape;

namespace Journal.Domain.Canvas;

/// <summary>
/// A JSON Patch was applied: the tape keeps the patch (as redacted), not the state; the state hash
/// lets a replay prove it recomputed the same state.
/// </summary>
/// <param name="Patch">The RFC 6902 patch, as applied.</param>
/// <param name="StateSha256">SHA-256 of the canonical form of the state after the patch.</param>
/// <param name="Version">The new version.</param>
/// <param name="At">When.</param>
[EventType("canvas.patched.v1")]
public sealed record CanvasPatched(Guid CanvasId, JsonArray Patch, string StateSha256, long Version, DateTimeOffset At) : ICanvasEvent;
