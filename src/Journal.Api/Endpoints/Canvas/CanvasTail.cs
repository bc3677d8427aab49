using System.Globalization;
using System.Text;
using System.Text.Json;
using Journal.Api.Endpoints.Streaming;
using Journal.Api.Hosting;
using Journal.Domain.Canvas;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Ports;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Journal.Api.Endpoints.Canvas;

/// <summary><c>GET /v1/canvases/{canvasId}/stream</c>: one canvas's stream as Server-Sent Events of <see cref="CanvasStreamEvent"/>.</summary>
/// <remarks>Like the tape tail (the loop is <see cref="SseTail"/>), it reads the stream by version from the next one it has not sent.</remarks>
internal static class CanvasTail
{
    private const int PageSize = 200;

    /// <summary>Follow a canvas live (Server-Sent Events)</summary>
    /// <remarks>
    /// Sends the canvas's events as they commit: <c>id:</c> the version, <c>event:</c> the kind, <c>data:</c> the
    /// event (the patch, or the whole state for a creation or a restore), and a heartbeat comment when idle. Starts
    /// after <c>Last-Event-ID</c>, else at <c>fromVersion</c>, else after the current version (new patches only);
    /// resuming gives no gap and no duplicate. 404 for an unknown canvas.
    /// </remarks>
    internal static async Task StreamAsync(
        Guid canvasId,
        HttpContext http,
        IEventStore tape,
        ITapeFeed feed,
        JournalSettings settings,
        IOptions<JsonOptions> json,
        IHostApplicationLifetime lifetime,
        long? fromVersion = null)
    {
        var stream = CanvasDecider.StreamFor(canvasId);
        var current = await tape.ReadStreamVersionAsync(stream, http.RequestAborted);
        if (current == 0)
        {
            throw new NotFoundException("canvas", canvasId.ToString("D", CultureInfo.InvariantCulture));
        }

        var next = SseTail.Start(http, fromVersion, "fromVersion", current, "canvas version");
        await SseTail.RunAsync(http, feed, settings, lifetime, next, $"canvas {canvasId} from version {next}", async (version, ct) =>
        {
            var slice = await tape.ReadStreamAsync(stream, version, ReadDirection.Forward, PageSize, ct);
            var text = new StringBuilder();
            foreach (var recorded in slice.Events)
            {
                var payload = recorded.Payload is { } bytes ? feed.Serializer.Decode(recorded.EventType, bytes) : null;
                var item = CanvasStreamEvent.From(canvasId, recorded, payload);
                text.AppendEvent(item.Version, item.Kind, JsonSerializer.Serialize(item, json.Value.SerializerOptions));
                version = recorded.StreamVersion + 1;
            }

            return new SsePage(text.ToString(), version);
        });
    }
}
