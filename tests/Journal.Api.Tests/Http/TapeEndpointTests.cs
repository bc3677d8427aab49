using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

public sealed class TapeEndpointTests : ApiTestBase
{
    [Fact]
    public async Task Events_are_paged_with_hex_hashes_and_decoded_payloads()
    {
        for (var i = 0; i < 3; i++)
        {
            await Host.CreateSessionAsync();
        }

        using var client = Host.Reader();
        var first = await client.GetFromJsonAsync<JsonElement>("/v1/journal/events?from=1&limit=2");
        var second = await client.GetFromJsonAsync<JsonElement>($"/v1/journal/events?from={first.GetProperty("next").GetInt64()}&limit=2");

        var events = first.GetProperty("events");
        Assert.Equal(2, events.GetArrayLength());
        Assert.Equal(1, events[0].GetProperty("seq").GetInt64());
        Assert.Equal("session.created.v1", events[0].GetProperty("eventType").GetString());
        Assert.Equal("ada", events[0].GetProperty("payload").GetProperty("principal").GetString());
        Assert.Equal(64, events[1].GetProperty("hash").GetString()!.Length);
        Assert.Equal(events[0].GetProperty("hash").GetString(), events[1].GetProperty("prevHash").GetString());
        Assert.Equal(3, first.GetProperty("head").GetInt64());
        Assert.Equal(3, second.GetProperty("events")[0].GetProperty("seq").GetInt64());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    [Theory]
    [InlineData("limit=1001", "validation.failed", "limit")]
    [InlineData("limit=0", "validation.failed", "limit")]
    [InlineData("from=0", "validation.failed", "from")]
    [InlineData("from=abc", "request.invalid_parameter", "from")]
    public async Task Events_refuse_a_bad_range_naming_the_parameter(string query, string code, string field)
    {
        using var client = Host.Reader();

        using var response = await client.GetAsync($"/v1/journal/events?{query}");

        await Problem.AssertFieldAsync(response, code, field);
    }

    [Fact]
    public async Task Head_follows_the_writes()
    {
        using var client = Host.Reader();
        var empty = await client.GetFromJsonAsync<JsonElement>("/v1/journal/head");
        await Host.CreateSessionAsync("with-key");

        var head = await client.GetFromJsonAsync<JsonElement>("/v1/journal/head");

        Assert.Equal(0, empty.GetProperty("seq").GetInt64());
        Assert.Equal(2, head.GetProperty("seq").GetInt64());
        Assert.Equal(64, head.GetProperty("hash").GetString()!.Length);
    }
}
