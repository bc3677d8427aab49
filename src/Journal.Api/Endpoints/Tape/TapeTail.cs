using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Journal.Api.Hosting;
using Journal.Domain.Errors;
using Journal.EventStore;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Journal.Api.Endpoints.Tape;

/// <summary>
/// <c>GET /v1/journal/stream</c>: a Server-Sent Events tail of the tape. It catches up from
/// <c>Last-Event-ID</c> + 1 (or <c>?from=</c>; by default from the head, new events only), then sends
/// each event as it commits, <c>id:</c> = position, <c>event:</c> = event type, <c>data:</c> = the event
/// as JSON, with a comment line as heartbeat when idle.
/// </summary>
/// <remarks>
/// The tail always reads the tape by position from the next one it has not sent; committed positions
/// only wake it. It subscribes before its first read, so a commit landing between a read and the wait
/// still wakes it: no gap and no duplicate, whatever the timing.
/// </remarks>
internal static class TapeTail
{
    private const int PageSize = 500;

    internal static async Task StreamAsync(
        HttpContext http,
        SqliteEventStore tape,
        JournalSettings settings,
        IOptions<JsonOptions> json,
        IHostApplicationLifetime lifetime,
        long? from = null)
    {
        var next = await StartAsync(http, tape, from);
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
            await WriteAsync(body, $"retry: 2000\n: tail from {next}\n\n", ct);
            while (!ct.IsCancellationRequested)
            {
                var page = tape.ReadPage(next, PageSize);
                if (page.Count > 0)
                {
                    var text = new StringBuilder();
                    foreach (var recorded in page)
                    {
                        text.Append("id: ").Append(recorded.Seq.ToString(CultureInfo.InvariantCulture)).Append('\n')
                            .Append("event: ").Append(recorded.EventType).Append('\n')
                            .Append("data: ").Append(JsonSerializer.Serialize(TapeEvent.From(recorded), json.Value.SerializerOptions)).Append("\n\n");
                        next = recorded.Seq + 1;
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

    private static async Task<long> StartAsync(HttpContext http, SqliteEventStore tape, long? from)
    {
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        if (lastEventId.Length > 0)
        {
            if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            {
                throw new ValidationException("Last-Event-ID", "must be a tape position");
            }

            return last + 1;
        }

        if (from is { } start)
        {
            return start >= 1 ? start : throw new ValidationException("from", "positions start at 1");
        }

        return (await tape.ReadHeadAsync(http.RequestAborted)).Seq + 1;
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
