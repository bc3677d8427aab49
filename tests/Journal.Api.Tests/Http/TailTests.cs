using System.Net;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

public sealed class TailTests : ApiTestBase
{
    [Fact]
    public async Task Tail_catches_up_then_goes_live_then_resumes_from_Last_Event_ID_without_gap_or_duplicate()
    {
        for (var i = 0; i < 3; i++)
        {
            await Host.CreateSessionAsync();
        }

        using var client = Host.Reader();
        var seen = new List<long>();
        using (var response = await OpenAsync(client, "/v1/journal/stream?from=1", lastEventId: null))
        using (var tail = new SseReader(await response.Content.ReadAsStreamAsync()))
        {
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            for (var i = 0; i < 3; i++)
            {
                seen.Add(await NextIdAsync(tail));
            }

            await Host.CreateSessionAsync();
            var live = await tail.NextAsync();
            seen.Add(long.Parse(live.Id!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("session.created.v1", live.Type);
            Assert.Equal(4, JsonDocument.Parse(live.Data).RootElement.GetProperty("seq").GetInt64());
        }

        await Host.CreateSessionAsync();
        await Host.CreateSessionAsync();
        using (var response = await OpenAsync(client, "/v1/journal/stream", lastEventId: seen[^1]))
        using (var tail = new SseReader(await response.Content.ReadAsStreamAsync()))
        {
            seen.Add(await NextIdAsync(tail));
            seen.Add(await NextIdAsync(tail));
            await Host.CreateSessionAsync();
            seen.Add(await NextIdAsync(tail));
        }

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], seen);
    }

    [Fact]
    public async Task Idle_tail_sends_heartbeats()
    {
        using var client = Host.Reader();

        using var response = await OpenAsync(client, "/v1/journal/stream", lastEventId: null);
        using var tail = new SseReader(await response.Content.ReadAsStreamAsync());

        await tail.WaitForCommentAsync("heartbeat");
    }

    [Fact]
    public async Task Tail_refuses_a_bad_Last_Event_ID_and_needs_a_key()
    {
        using var reader = Host.Reader();
        using var anonymous = Host.Client(key: null);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/journal/stream");
        request.Headers.Add("Last-Event-ID", "yesterday");
        using var bad = await reader.SendAsync(request);
        using var unauthenticated = await anonymous.GetAsync("/v1/journal/stream");

        await Problem.AssertFieldAsync(bad, "validation.failed", "Last-Event-ID");
        await Problem.AssertAsync(unauthenticated, HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient client, string path, long? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static async Task<long> NextIdAsync(SseReader tail) =>
        long.Parse((await tail.NextAsync()).Id!, System.Globalization.CultureInfo.InvariantCulture);
}
