using System.Text.Json.Nodes;
using Journal.Domain.Canvas;
using Journal.Domain.Tape;

namespace Journal.Api.Endpoints.Canvas;

/// <summary>One event of a canvas's live stream.</summary>
/// <param name="Version">The version it made (also the SSE <c>id</c>).</param>
/// <param name="Kind"><c>created</c>, <c>patched</c>, <c>restored</c>, or <c>erased</c> when its payload was erased.</param>
/// <param name="Patch">For a patch, the RFC 6902 patch as stored (redacted).</param>
/// <param name="State">For a creation or a restore, the whole state.</param>
/// <param name="RestoredVersion">For a restore, the version whose state came back.</param>
/// <param name="StateSha256">SHA-256 of the canonical state after the event.</param>
/// <param name="Position">Its tape position.</param>
/// <param name="RecordedAt">When it was recorded.</param>
public sealed record CanvasStreamEvent(
    Guid CanvasId, long Version, string Kind, JsonArray? Patch, JsonObject? State, long? RestoredVersion, string? StateSha256, long Position, DateTimeOffset RecordedAt)
{
    /// <summary>The stream event of a tape row and its decoded payload (null when erased).</summary>
    public static CanvasStreamEvent From(Guid canvasId, RecordedEvent recorded, object? payload)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(recorded.RecordedAt);
        return payload switch
        {
            CanvasCreated e => new(canvasId, e.Version, "created", null, e.State, null, e.StateSha256, recorded.Seq, at),
            CanvasPatched e => new(canvasId, e.Version, "patched", e.Patch, null, null, e.StateSha256, recorded.Seq, at),
            CanvasRestored e => new(canvasId, e.Version, "restored", null, e.State, e.RestoredVersion, e.StateSha256, recorded.Seq, at),
            _ => new(canvasId, recorded.StreamVersion, "erased", null, null, null, null, recorded.Seq, at),
        };
    }
}
