using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
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
/// <remarks>
/// Like the tape tail, it reads the stream by version from the next one it has not sent and only uses
/// commits to wake up; it subscribes before its first read, so nothing committed in between is missed.
/// </remarks>
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

        var next = Start(http, fromVersion, current);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;
        var wake = Channel.CreateBounded<long>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        using var subscription = tape.Committed.Subscribe(seq => wake.Writer.TryWrite(seq), _ => wake.Writer.TryComplete(), () => wake.Writer.TryComplete());

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var body = http.Response.Body;
        var heartbeat = TimeSpan.FromSeconds(settings.HeartbeatSeconds);
        try
        {
            await WriteAsync(body, $"retry: 2000\n: canvas {canvasId} from version {next}\n\n", ct);
            while (!ct.IsCancellationRequested)
            {
                var slice = await tape.ReadStreamAsync(stream, next, ReadDirection.Forward, PageSize, ct);
                if (slice.Events.Count > 0)
                {
                    var text = new StringBuilder();
                    foreach (var recorded in slice.Events)
                    {
                        var payload = recorded.Payload is { } bytes ? tape.Serializer.Decode(recorded.EventType, bytes.Span) : null;
                        var item = CanvasStreamEvent.From(canvasId, recorded, payload);
                        text.Append("id: ").Append(item.Version.ToString(CultureInfo.InvariantCulture)).Append('\n')
                            .Append("event: ").Append(item.Kind).Append('\n')
                            .Append("data: ").Append(JsonSerializer.Serialize(item, json.Value.SerializerOptions)).Append("\n\n");
                        next = recorded.StreamVersion + 1;
                    }

                    await WriteAsync(body, text.ToString(), ct);
                    continue;
                }

                var woken = await WaitAsync(wake.Reader, heartbeat, ct);
                if (woken is null)
                {
                    break;
                }

                if (woken == false)
                {
                    await WriteAsync(body, ": heartbeat\n\n", ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client left or the service stops: the stream just ends.
        }
    }

    private static long Start(HttpContext http, long? fromVersion, long current)
    {
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        if (lastEventId.Length > 0)
        {
            return long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                ? last + 1
                : throw new ValidationException("Last-Event-ID", "must be a canvas version");
        }

        if (fromVersion is { } start)
        {
            return start >= 1 ? start : throw new ValidationException("fromVersion", "versions start at 1");
        }

        return current + 1;
    }

    /// <summary>True when woken by a commit, false when the heartbeat interval passed, null when the tape closed.</summary>
    private static async Task<bool?> WaitAsync(ChannelReader<long> wake, TimeSpan heartbeat, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(heartbeat);
        try
        {
            if (!await wake.WaitToReadAsync(timeout.Token))
            {
                return null;
            }

            while (wake.TryRead(out _))
            {
            }

            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task WriteAsync(Stream body, string text, CancellationToken ct)
    {
        await body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await body.FlushAsync(ct);
    }
}
