using System.Text;
using System.Text.Json;
using Journal.Api.Endpoints.Streaming;
using Journal.Api.Hosting;
using Journal.EventStore.Ports;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Journal.Api.Endpoints.Tape;

/// <summary><c>GET /v1/journal/stream</c>: the tape as Server-Sent Events, read by position in pages (the loop is <see cref="SseTail"/>).</summary>
internal static class TapeTail
{
    private const int PageSize = 500;

    /// <summary>Follow the tape live (Server-Sent Events)</summary>
    /// <remarks>
    /// Sends each event as it commits: <c>id:</c> its position, <c>event:</c> its type, <c>data:</c> the event as
    /// <c>/v1/journal/events</c> shows it, and a heartbeat comment when idle. Starts after <c>Last-Event-ID</c>, else
    /// at <c>from</c>, else at the head (new events only); resuming with the last id seen gives no gap and no
    /// duplicate.
    /// </remarks>
    internal static async Task StreamAsync(
        HttpContext http,
        ITapeFeed tape,
        JournalSettings settings,
        IOptions<JsonOptions> json,
        IHostApplicationLifetime lifetime,
        long? from = null)
    {
        var head = from is null && http.Request.Headers["Last-Event-ID"].Count == 0 ? (await tape.ReadHeadAsync(http.RequestAborted)).Seq : 0;
        var next = SseTail.Start(http, from, "from", head, "tape position");
        await SseTail.RunAsync(http, tape, settings, lifetime, next, $"tail from {next}", (position, _) =>
        {
            var text = new StringBuilder();
            foreach (var recorded in tape.ReadPage(position, PageSize))
            {
                text.AppendEvent(recorded.Seq, recorded.EventType, JsonSerializer.Serialize(TapeEvent.From(recorded), json.Value.SerializerOptions));
                position = recorded.Seq + 1;
            }

            return Task.FromResult(new SsePage(text.ToString(), position));
        });
    }
}
