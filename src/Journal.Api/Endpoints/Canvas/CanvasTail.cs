using System.Globalization;
using System.Text;
using System.Text.Json;
using Journal.Api.Endpoints.Streaming;
using Journal.Api.Hosting;
using Journal.Domain.Canvas;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Journal.Api.Endpoints.Canvas;

/// <summary>
/// <c>GET /v1/canvases/{canvasId}/stream</c>: a Server-Sent Events tail of one canvas's stream. It
/// starts after <c>Last-Event-ID</c> (a canvas version) or at <c>?fromVersion=</c> (by default after the
/// current version: new patches only), then sends each event as it commits, <c>id:</c> = version,
/// <c>event:</c> = kind, <c>data:</c> = <see cref="CanvasStreamEvent"/>, with a heartbeat comment when idle.
/// </summary>
/// <remarks>Like the tape tail (the loop is <see cref="SseTail"/>), it reads the stream by version from the next one it has not sent.</remarks>
internal static class CanvasTail
{
    private const int PageSize = 200;

    internal static async Task StreamAsync(
        Guid canvasId,
        HttpContext http,
        SqliteEventStore tape,
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
        await SseTail.RunAsync(http, tape, settings, lifetime, next, $"canvas {canvasId} from version {next}", async (version, ct) =>
        {
            var slice = await tape.ReadStreamAsync(stream, version, ReadDirection.Forward, PageSize, ct);
            var text = new StringBuilder();
            foreach (var recorded in slice.Events)
            {
                var payload = recorded.Payload is { } bytes ? tape.Serializer.Decode(recorded.EventType, bytes.Span) : null;
                var item = CanvasStreamEvent.From(canvasId, recorded, payload);
                text.AppendEvent(item.Version, item.Kind, JsonSerializer.Serialize(item, json.Value.SerializerOptions));
                version = recorded.StreamVersion + 1;
            }

            return new SsePage(text.ToString(), version);
        });
    }
}
