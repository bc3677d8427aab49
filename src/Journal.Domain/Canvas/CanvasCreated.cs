using System.Text.Json.Nodes;
using Journal.Domain.Tape;

namespace Journal.Domain.Canvas;

/// <summary>A canvas was created: its version 1, with its whole initial state (as redacted).</summary>
/// <param name="SessionId">The session it belongs to.</param>
/// <param name="State">The initial state, a JSON object.</param>
/// <param name="StateSha256">SHA-256 of the state's canonical form.</param>
/// <param name="Version">Always 1.</param>
/// <param name="At">When.</param>
[EventType("canvas.created.v1")]
public sealed record CanvasCreated(Guid CanvasId, Guid SessionId, JsonObject State, string StateSha256, long Version, DateTimeOffset At) : ICanvasEvent;
