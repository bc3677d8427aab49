using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

public sealed class CanvasEndpointTests : ApiTestBase
{
    [Fact]
    public async Task Patch_with_If_Match_moves_the_ETag_and_get_answers_304_when_If_None_Match_is_current()
    {
        var (canvasId, created) = await CreateAsync("""{"title":"draft","items":[]}""");
        using var patched = await PatchAsync(Writer, canvasId, """[{"op":"add","path":"/items/-","value":{"text":"a"}},{"op":"replace","path":"/title","value":"plan"}]""", "\"1\"");
        using var reader = Host.Reader();
        using var got = await reader.GetAsync($"/v1/canvases/{canvasId}?minPosition={(await Json.BodyAsync(patched)).GetProperty("position").GetInt64()}");
        var body = await Json.BodyAsync(got);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/v1/canvases/{canvasId}");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", "\"2\"");
        using var notModified = await reader.SendAsync(conditional);

        Assert.Equal("\"1\"", Json.ETagOf(created));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("\"2\"", Json.ETagOf(patched));
        Assert.Equal("\"2\"", Json.ETagOf(got));
        Assert.Equal("plan", body.GetProperty("state").GetProperty("title").GetString());
        Assert.Equal("a", body.GetProperty("state").GetProperty("items")[0].GetProperty("text").GetString());
        Assert.Equal(2, body.GetProperty("canvas").GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Patch_against_a_stale_version_is_409_and_writes_nothing()
    {
        var (canvasId, _) = await CreateAsync("""{"n":1}""");
        using var first = await PatchAsync(Writer, canvasId, """[{"op":"replace","path":"/n","value":2}]""", "\"1\"");
        var before = await Host.HeadAsync();

        using var stale = await PatchAsync(Writer, canvasId, """[{"op":"replace","path":"/n","value":3}]""", "\"1\"");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var problem = await Problem.AssertAsync(stale, HttpStatusCode.Conflict, "stream.wrong_expected_version");
        Assert.Equal((1L, 2L), (problem.GetProperty("expected").GetInt64(), problem.GetProperty("actual").GetInt64()));
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task Patch_with_a_failing_test_is_422_naming_the_operation_and_applies_nothing()
    {
        var (canvasId, _) = await CreateAsync("""{"n":1}""");
        var before = await Host.HeadAsync();

        using var failed = await PatchAsync(Writer, canvasId, """[{"op":"replace","path":"/n","value":5},{"op":"test","path":"/n","value":4}]""", "\"1\"");
        using var badPath = await PatchAsync(Writer, canvasId, """[{"op":"remove","path":"/missing"}]""", "\"1\"");
        using var malformed = await PatchAsync(Writer, canvasId, """[{"op":"add","path":"/x"}]""", "\"1\"");
        var state = await Host.Reader().GetFromJsonAsync<JsonElement>($"/v1/canvases/{canvasId}?minPosition={before}");

        var problem = await Problem.AssertAsync(failed, HttpStatusCode.UnprocessableEntity, "json_patch.test_failed");
        Assert.Equal((1, "test"), (problem.GetProperty("operation").GetInt32(), problem.GetProperty("op").GetString()));
        Assert.StartsWith("operation 1 (test)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var path = await Problem.AssertAsync(badPath, HttpStatusCode.UnprocessableEntity, "json_patch.unresolvable");
        Assert.Equal("remove", path.GetProperty("op").GetString());
        await Problem.AssertAsync(malformed, HttpStatusCode.BadRequest, "json_patch.malformed");
        Assert.Equal(before, await Host.HeadAsync());
        Assert.Equal(1, state.GetProperty("state").GetProperty("n").GetInt64());
    }

    [Fact]
    public async Task Patch_is_415_without_the_json_patch_media_type_and_428_without_If_Match()
    {
        var (canvasId, _) = await CreateAsync("""{"n":1}""");

        using var plainJson = new HttpRequestMessage(HttpMethod.Patch, $"/v1/canvases/{canvasId}") { Content = new StringContent("""[{"op":"remove","path":"/n"}]""", Encoding.UTF8, "application/json") };
        plainJson.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var wrongType = await Writer.SendAsync(plainJson);
        using var noPrecondition = await PatchAsync(Writer, canvasId, """[{"op":"remove","path":"/n"}]""", null);

        await Problem.AssertAsync(wrongType, HttpStatusCode.UnsupportedMediaType, "media_type.unsupported");
        await Problem.AssertAsync(noPrecondition, (HttpStatusCode)428, "precondition.required");
    }

    [Fact]
    public async Task Patch_is_401_before_its_media_type_is_looked_at_and_a_too_deep_patch_is_400_too_deep()
    {
        var (canvasId, _) = await CreateAsync("""{"n":1}""");
        var before = await Host.HeadAsync();
        using var anonymous = Host.Client(key: null);
        using var plainJson = new HttpRequestMessage(HttpMethod.Patch, $"/v1/canvases/{canvasId}") { Content = new StringContent("[]", Encoding.UTF8, "text/plain") };
        using var unauthenticated = await anonymous.SendAsync(plainJson);
        var deepValue = new string('[', 10_000) + new string(']', 10_000);
        using var deep = await PatchAsync(Writer, canvasId, $$"""[{"op":"add","path":"/x","value":{{deepValue}}}]""", "\"1\"");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        await Problem.AssertAsync(deep, HttpStatusCode.BadRequest, "request.too_deep");
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task Versions_list_who_patched_time_travel_reads_an_old_state_and_restore_appends_a_version()
    {
        var (canvasId, _) = await CreateAsync("""{"n":1}""");
        using (await PatchAsync(Writer, canvasId, """[{"op":"replace","path":"/n","value":2}]""", "\"1\""))
        {
        }

        var restored = await Json.PostAsync(Writer, $"/v1/canvases/{canvasId}/restore", new { version = 1 });
        var position = restored.GetProperty("position").GetInt64();
        using var reader = Host.Reader();
        var versions = await reader.GetFromJsonAsync<JsonElement>($"/v1/canvases/{canvasId}/versions?minPosition={position}");
        var second = await reader.GetFromJsonAsync<JsonElement>($"/v1/canvases/{canvasId}/versions/2");
        var latest = await reader.GetFromJsonAsync<JsonElement>($"/v1/canvases/{canvasId}");
        using var missing = await reader.GetAsync($"/v1/canvases/{canvasId}/versions/9");
        var integrity = await reader.GetFromJsonAsync<JsonElement>($"/v1/canvases/integrity?minPosition={position}");
        var health = await reader.GetFromJsonAsync<JsonElement>("/v1/journal/health");

        Assert.Equal(3, restored.GetProperty("streamVersion").GetInt64());
        var items = versions.GetProperty("items");
        Assert.Equal(["restored", "patched", "created"], items.EnumerateArray().Select(v => v.GetProperty("kind").GetString()));
        Assert.Equal("writer-app", items[1].GetProperty("actor").GetString());
        Assert.Equal(2, second.GetProperty("state").GetProperty("n").GetInt64());
        Assert.Equal(1, latest.GetProperty("state").GetProperty("n").GetInt64());
        await Problem.AssertAsync(missing, HttpStatusCode.NotFound, "canvas_version.not_found");
        Assert.Equal(0, integrity.GetProperty("mismatches").GetInt64());
        Assert.Equal(0, health.GetProperty("canvasHashMismatches").GetInt64());
    }

    [Fact]
    public async Task Canvas_writes_need_the_writer_role_and_reads_need_a_key()
    {
        var (canvasId, _) = await CreateAsync("""{"n":1}""");
        using var reader = Host.Reader();
        using var anonymous = Host.Client(null);

        using var readerPatch = await PatchAsync(reader, canvasId, """[{"op":"remove","path":"/n"}]""", "\"1\"");
        using var readerCreate = await reader.PostAsJsonAsync("/v1/canvases", new { sessionId = Guid.NewGuid(), state = new { } });
        using var anonymousGet = await anonymous.GetAsync($"/v1/canvases/{canvasId}");

        Assert.Equal(HttpStatusCode.Forbidden, readerPatch.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readerCreate.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousGet.StatusCode);
    }

    [Fact]
    public async Task Create_without_a_state_object_is_400_and_writes_nothing()
    {
        var before = await Host.HeadAsync();

        using var array = await Writer.PostAsync("/v1/canvases", Json.Raw($$"""{"sessionId":"{{Guid.NewGuid()}}","state":[1,2]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task Stream_sends_each_new_patch_of_the_canvas_live()
    {
        var (canvasId, _) = await CreateAsync("""{"n":1}""");
        using var reader = Host.Reader();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/canvases/{canvasId}/stream");
        using var response = await reader.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var tail = new SseReader(await response.Content.ReadAsStreamAsync());
        await tail.WaitForCommentAsync($"canvas {canvasId} from version 2");

        using (await PatchAsync(Writer, canvasId, """[{"op":"replace","path":"/n","value":2}]""", "\"1\""))
        {
        }

        var live = await tail.NextAsync();
        var data = JsonDocument.Parse(live.Data).RootElement;
        Assert.Equal(("2", "patched"), (live.Id, live.Type));
        Assert.Equal("replace", data.GetProperty("patch")[0].GetProperty("op").GetString());
    }

    private async Task<(Guid CanvasId, HttpResponseMessage Response)> CreateAsync(string state)
    {
        var response = await Writer.PostAsync("/v1/canvases", Json.Raw($$"""{"sessionId":"{{Guid.NewGuid()}}","state":{{state}}}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json.BodyAsync(response);
        return (Guid.Parse(body.GetProperty("stream").GetString()!["canvas-".Length..]), response);
    }

    private static async Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid canvasId, string patch, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/canvases/{canvasId}")
        {
            Content = new StringContent(patch, Encoding.UTF8, "application/json-patch+json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }
}
