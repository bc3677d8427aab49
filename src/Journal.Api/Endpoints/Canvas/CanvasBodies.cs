using System.Text.Json.Nodes;

namespace Journal.Api.Endpoints.Canvas;

/// <summary>Body of <c>POST /v1/canvases</c>.</summary>
/// <param name="SessionId">The session the canvas belongs to.</param>
/// <param name="State">The initial state: any JSON object.</param>
/// <param name="CanvasId">The new canvas's id; the journal picks one when left out.</param>
public sealed record CreateCanvasBody(Guid SessionId, JsonObject State, Guid? CanvasId = null);

/// <summary>Body of <c>POST /v1/canvases/{canvasId}/restore</c>.</summary>
/// <param name="Version">The version whose state becomes the latest again.</param>
public sealed record RestoreCanvasBody(long Version);
