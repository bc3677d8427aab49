using System.Text.Json.Nodes;
using Journal.Domain.Tape;

namespace Journal.Domain.Canvas;

/// <summary>
/// An earlier version's state became the latest again, as a new version (history is appended to,
/// never rewritten). Carries the whole state, so a replay needs nothing before it.
/// </summary>
/// <param name="RestoredVersion">The version whose state was restored.</param>
/// <param name="State">That state.</param>
/// <param name="StateSha256">SHA-256 of its canonical form (equal to the restored version's).</param>
/// <param name="Version">The new version.</param>
/// <param name="At">When.</param>
[EventType("canvas.restored.v1")]
public sealed record CanvasRestored(Guid CanvasId, long RestoredVersion, JsonObject State, string StateSha256, long Version, DateTimeOffset At) : ICanvasEvent;
