using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

public sealed class CanvasListTests : ApiTestBase
{
    [Fact]
    public async Task List_pages_through_the_canvases_newest_first_without_their_states()
    {
        var ids = new List<Guid>();
        long position = 0;
        foreach (var title in new[] { "first", "second", "third" })
        {
            using var created = await Writer.PostAsync("/v1/canvases", Json.Raw($$$"""{"sessionId":"{{{Guid.NewGuid()}}}","state":{"title":"{{{title}}}"}}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var body = await Json.BodyAsync(created);
            ids.Add(Guid.Parse(body.GetProperty("stream").GetString()!["canvas-".Length..]));
            position = body.GetProperty("position").GetInt64();
        }

        using var reader = Host.Reader();
        var first = await reader.GetFromJsonAsync<JsonElement>($"/v1/canvases?limit=2&minPosition={position}");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await reader.GetFromJsonAsync<JsonElement>($"/v1/canvases?limit=2&cursor={Uri.EscapeDataString(cursor!)}");

        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(ids.OrderDescending(), listed.Select(c => c.GetProperty("canvasId").GetGuid()));
        Assert.All(listed, c => Assert.Equal(1, c.GetProperty("version").GetInt64()));
        Assert.All(listed, c => Assert.False(c.TryGetProperty("state", out _)));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task List_refuses_a_cursor_of_another_listing()
    {
        using var reader = Host.Reader();
        using var response = await reader.GetAsync("/v1/canvases?cursor=not-a-cursor");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
