using System.Text.Json.Nodes;

namespace Journal.Domain.Canvas;

/// <summary>A command decided by <see cref="CanvasDecider"/>.</summary>
/// <param name="CanvasId">The canvas the command is about.</param>
/// <param name="At">The current time.</param>
public abstract record CanvasCommand(Guid CanvasId, DateTimeOffset At);

/// <summary>Creates a canvas with an initial state.</summary>
/// <param name="CanvasId">The new canvas.</param>
/// <param name="SessionId">Its session.</param>
/// <param name="State">The initial state: any JSON object (already redacted).</param>
/// <param name="At">The current time.</param>
public sealed record CreateCanvas(Guid CanvasId, Guid SessionId, JsonObject? State, DateTimeOffset At) : CanvasCommand(CanvasId, At);

/// <summary>Applies an RFC 6902 patch against the version the editor saw.</summary>
/// <param name="Patch">The patch document (already redacted).</param>
/// <param name="ExpectedVersion">The version the patch was made against; another current version is a conflict.</param>
/// <param name="At">The current time.</param>
public sealed record PatchCanvas(Guid CanvasId, JsonNode? Patch, long ExpectedVersion, DateTimeOffset At) : CanvasCommand(CanvasId, At);

/// <summary>Makes an earlier version's state the latest, as a new version.</summary>
/// <param name="RestoredVersion">The version to restore.</param>
/// <param name="RestoredState">The state at that version (the handler folds the stream to it).</param>
/// <param name="ExpectedVersion">When given, the version the caller saw; another current version is a conflict.</param>
/// <param name="At">The current time.</param>
public sealed record RestoreCanvas(Guid CanvasId, long RestoredVersion, CanvasState RestoredState, long? ExpectedVersion, DateTimeOffset At) : CanvasCommand(CanvasId, At);
