using System.Text;
using System.Text.Json;
using Journal.Api.Endpoints.Streaming;
using Journal.Api.Hosting;
using Journal.EventStore;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Journal.Api.Endpoints.Tape;

/// <summary>
/// <c>GET /v1/journal/stream</c>: a Server-Sent Events tail of the tape. It catches up from
/// <c>Last-Event-ID</c> + 1 (or <c>?from=</c>; by default from the head, new events only), then sends
/// each event as it commits, <c>id:</c> = position, <c>event:</c> = event type, <c>data:</c> = the event
/// as JSON, with a comment line as heartbeat when idle (the loop is <see cref="SseTail"/>).
/// </summary>
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
