using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Journal.Api.Hosting;
using Journal.Domain.Errors;
using Journal.EventStore.Ports;

namespace Journal.Api.Endpoints.Streaming;

/// <summary>One page a tail read: the Server-Sent Events text of its events, and where the next read starts.</summary>
/// <param name="Text">The events as SSE (<c>id:</c>, <c>event:</c>, <c>data:</c>, blank line each); empty when there were none.</param>
/// <param name="Next">The position (or version) after the last event sent.</param>
internal readonly record struct SsePage(string Text, long Next);

/// <summary>
/// The loop every Server-Sent Events tail shares: it subscribes to the tape's commits before its first
/// read, reads from the next position it has not sent, writes what it found, and otherwise waits for a
/// commit (which only wakes it: reads always go by position, so there is no gap and no duplicate
/// whatever the timing) or the heartbeat interval (a comment line). It ends when the client leaves or the
/// service stops.
/// </summary>
internal static class SseTail
{
    /// <summary>Where a tail starts: after <c>Last-Event-ID</c>, else at <paramref name="from"/>, else after <paramref name="current"/>.</summary>
    /// <exception cref="ValidationException"><c>Last-Event-ID</c> is not a number, or <paramref name="from"/> is below 1.</exception>
    public static long Start(HttpContext http, long? from, string fromName, long current, string unit)
    {
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        if (lastEventId.Length > 0)
        {
            return long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                ? last + 1
                : throw new ValidationException("Last-Event-ID", $"must be a {unit}");
        }

        if (from is { } start)
        {
            return start >= 1 ? start : throw new ValidationException(fromName, $"{unit}s start at 1");
        }

        return current + 1;
    }

    /// <summary>Streams <paramref name="read"/>'s pages from <paramref name="next"/> on, after a first comment line.</summary>
    public static async Task RunAsync(
        HttpContext http,
        ITapeFeed tape,
        JournalSettings settings,
        IHostApplicationLifetime lifetime,
        long next,
        string greeting,
        Func<long, CancellationToken, Task<SsePage>> read)
    {
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
            await WriteAsync(body, $"retry: 2000\n: {greeting}\n\n", ct);
            while (!ct.IsCancellationRequested)
            {
                var page = await read(next, ct);
                if (page.Text.Length > 0)
                {
                    await WriteAsync(body, page.Text, ct);
                    next = page.Next;
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

    /// <summary>Appends one event in SSE form.</summary>
    public static StringBuilder AppendEvent(this StringBuilder text, long id, string kind, string json) =>
        text.Append("id: ").Append(id.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("event: ").Append(kind).Append('\n')
            .Append("data: ").Append(json).Append("\n\n");

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
