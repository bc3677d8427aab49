using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

/// <summary>
/// Input a JSON parser could read two ways, or that the service would echo where it cannot go: each
/// is refused with 400 before anything runs, naming where it is, and nothing is written.
/// </summary>
public sealed class HostileInputTests : ApiTestBase
{
    private const string Bad = "<BAD>";

    /// <summary>Bytes that are not UTF-8: a lead byte without its continuation, and an encoded surrogate.</summary>
    public static TheoryData<string, byte[]> InvalidUtf8 => new()
    {
        { "C3 28", [0xC3, 0x28] },
        { "ED A0 80", [0xED, 0xA0, 0x80] },
    };

    public static TheoryData<string, string, string> Duplicates => new()
    {
        { "/v1/sessions", """{"principal":"a","device":"d","channel":"c","principal":"b"}""", "$.principal" },
        { "/v1/sessions", """{"principal":"a","device":"d","channel":"c","\u0070rincipal":"b"}""", "$.principal" },
        { "/v1/canvases", """{"sessionId":"{g}","state":{"x":1,"x":1}}""", "$.state.x" },
        { "/v1/canvases", """{"sessionId":"{g}","state":{"a":[0,1,{"b":1,"c":{"b":0},"b":2}]}}""", "$.state.a[2].b" },
        { "/v1/canvases", """{"sessionId":"{g}","state":{"a b":1,"a b":2}}""", "$.state['a b']" },
        { "/v1/canvases", """{"sessionId":"{g}","state":{"list":[[{"k":1}],[{"k":1,"\u006b":2}]]}}""", "$.state.list[1][0].k" },
        { "/v1/cron/jobs", """{"name":"x","channel":"cli","payload":{"k":{"a":1,"\u0061":2}},"schedule":{"kind":"Interval","everySeconds":60}}""", "$.payload.k.a" },
        { "/v1/cron/jobs", """{"name":"x","channel":"cli","payload":{},"schedule":{"kind":"Interval","everySeconds":60,"everySeconds":1}}""", "$.schedule.everySeconds" },
    };

    [Theory]
    [InlineData("\u00e9")]
    [InlineData("trace-\u00e9t\u00e9")]
    [InlineData("line\u2028separator")]
    [InlineData("\ud83d\ude42")]
    public async Task Command_refuses_a_non_ascii_correlation_id_with_400_naming_the_header(string value)
    {
        var before = await HeadAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/sessions") { Content = JsonContent.Create(new { principal = "ada", device = "d", channel = "c" }) };
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", value);

        using var response = await Writer.SendAsync(request);

        await Problem.AssertFieldAsync(response, "validation.failed", "X-Correlation-Id");
        Assert.False(response.Headers.Contains("X-Correlation-Id"));
        Assert.Equal(before, await HeadAsync());
    }

    [Fact]
    public async Task Command_still_echoes_a_printable_ascii_correlation_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/sessions") { Content = JsonContent.Create(new { principal = "ada", device = "d", channel = "c" }) };
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", "trace-42 (~!@#$%^&*)");

        using var response = await Writer.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("trace-42 (~!@#$%^&*)", response.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public async Task Command_refuses_invalid_utf8_in_a_raw_json_field_with_400_naming_the_position(string name, byte[] bytes)
    {
        Assert.NotEmpty(name);
        var canvasId = await CreateCanvasAsync();
        var before = await HeadAsync();
        var cases = new (HttpMethod Method, string Path, string Body, string ContentType, string Field)[]
        {
            (HttpMethod.Post, "/v1/canvases", $$$"""{"sessionId":"{{{Guid.NewGuid()}}}","state":{"title":"a{{{Bad}}}b"}}""", "application/json", "state.title"),
            (HttpMethod.Post, "/v1/cron/jobs", $$$"""{"name":"x","channel":"cli","payload":{"prompt":"{{{Bad}}}"},"schedule":{"kind":"Interval","everySeconds":60}}""", "application/json", "payload.prompt"),
            (HttpMethod.Patch, $"/v1/canvases/{canvasId}", $$$"""[{"op":"add","path":"/x","value":"{{{Bad}}}"}]""", "application/json-patch+json", "[0].value"),
            (HttpMethod.Post, "/v1/sessions", $$$"""{"principal":"{{{Bad}}}","device":"d","channel":"c"}""", "application/json", "principal"),
            (HttpMethod.Post, "/v1/canvases", $$$"""{{{"\n"}}}{"sessionId":"{{{Guid.NewGuid()}}}",{{{"\r\n"}}}  "state":{"k":"{{{Bad}}}"}}""", "application/json", "state.k"),
        };

        foreach (var (method, path, body, contentType, field) in cases)
        {
            var offset = Encoding.UTF8.GetByteCount(body[..body.IndexOf(Bad, StringComparison.Ordinal)]);
            var lineStart = body.LastIndexOf('\n', body.IndexOf(Bad, StringComparison.Ordinal)) + 1;
            using var response = await SendAsync(method, path, WithBytes(body, bytes), contentType);

            var problem = await Problem.AssertFieldAsync(response, "request.malformed_json", field);
            Assert.Equal(offset, problem.GetProperty("offset").GetInt64());
            Assert.Equal(body[..lineStart].Count(c => c == '\n') + 1, problem.GetProperty("line").GetInt64());
            Assert.Equal(offset - Encoding.UTF8.GetByteCount(body[..lineStart]) + 1, problem.GetProperty("column").GetInt64());
            Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await HeadAsync());
    }

    [Theory]
    [MemberData(nameof(Duplicates))]
    public async Task Command_refuses_a_duplicate_key_anywhere_in_the_body_with_its_path(string path, string body, string jsonPath)
    {
        var before = await HeadAsync();

        using var response = await SendAsync(HttpMethod.Post, path, Encoding.UTF8.GetBytes(body.Replace("{g}", Guid.NewGuid().ToString(), StringComparison.Ordinal)), "application/json");

        var problem = await Problem.AssertFieldAsync(response, "request.duplicate_key", FieldOf(jsonPath));
        Assert.Equal(jsonPath, problem.GetProperty("path").GetString());
        Assert.Equal(before, await HeadAsync());
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/x","value":{"y":1,"y":2}}]""", "$[0].value.y")]
    [InlineData("""[{"op":"add","op":"remove","path":"/n"}]""", "$[0].op")]
    public async Task Patch_refuses_a_duplicate_key_with_its_path(string patch, string jsonPath)
    {
        var canvasId = await CreateCanvasAsync();
        var before = await HeadAsync();

        using var response = await SendAsync(HttpMethod.Patch, $"/v1/canvases/{canvasId}", Encoding.UTF8.GetBytes(patch), "application/json-patch+json");

        var problem = await Problem.AssertFieldAsync(response, "request.duplicate_key", FieldOf(jsonPath));
        Assert.Equal(jsonPath, problem.GetProperty("path").GetString());
        Assert.Equal(before, await HeadAsync());
    }

    [Theory]
    [InlineData("/v1/sessions", "{\"principal\":\"ada\",", "body", 18L, 1L, 19L)]
    [InlineData("/v1/sessions", "{\"principal\":\"a\",\"device\":\"d\",\"channel\":\"c\"} x", "body", 45L, 1L, 46L)]
    [InlineData("/v1/sessions", "{\"principal\":\"a\",\n\"device\":\"d\",\n\"channel\":\"c\"}}", "body", 46L, 3L, 15L)]
    [InlineData("/v1/canvases", "{\"sessionId\":\"00000000-0000-0000-0000-000000000001\",\"state\":{\"a\":[1,2,]}}", "state.a", 70L, 1L, 71L)]
    [InlineData("/v1/cron/jobs", "{\"payload\":{\"a\":tru}}", "payload", 19L, 1L, 20L)]
    public async Task Command_refuses_malformed_json_with_400_naming_the_position(string path, string body, string field, long offset, long line, long column)
    {
        var before = await HeadAsync();

        using var response = await SendAsync(HttpMethod.Post, path, Encoding.UTF8.GetBytes(body), "application/json");

        var problem = await Problem.AssertFieldAsync(response, "request.malformed_json", field);
        Assert.Equal((offset, line, column), (problem.GetProperty("offset").GetInt64(), problem.GetProperty("line").GetInt64(), problem.GetProperty("column").GetInt64()));
        Assert.Equal(before, await HeadAsync());
    }

    [Fact]
    public async Task Patch_refuses_a_truncated_patch_with_400_naming_the_position()
    {
        var canvasId = await CreateCanvasAsync();

        using var response = await SendAsync(HttpMethod.Patch, $"/v1/canvases/{canvasId}", "[{\"op\":\"add\""u8.ToArray(), "application/json-patch+json");

        var problem = await Problem.AssertFieldAsync(response, "request.malformed_json", "[0]");
        Assert.Equal(12, problem.GetProperty("offset").GetInt64());
    }

    [Fact]
    public async Task Command_refuses_json_nested_deeper_than_32_levels_naming_where()
    {
        var deep = new string('[', 33) + new string(']', 33);

        using var response = await SendAsync(HttpMethod.Post, "/v1/canvases", Encoding.UTF8.GetBytes($"{{\"sessionId\":\"{Guid.NewGuid()}\",\"state\":{{\"a\":{deep}}}}}"), "application/json");

        var problem = await Problem.AssertFieldAsync(response, "request.too_deep", "state.a" + string.Concat(Enumerable.Repeat("[0]", 30)));
        Assert.Equal("$.state.a" + string.Concat(Enumerable.Repeat("[0]", 30)), problem.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Command_accepts_32_levels_of_nesting_and_equal_keys_in_different_objects()
    {
        var deep = new string('[', 30) + new string(']', 30);
        var payload = $$$"""{"a":{"a":{"a":1},"b":[{"a":1},{"a":2}]},"deep":{{{deep}}},"t":"\u00e9\ud83d\ude42 é🙂"}""";

        using var response = await SendAsync(
            HttpMethod.Post,
            "/v1/cron/jobs",
            Encoding.UTF8.GetBytes($$$"""{"name":"x","channel":"cli","payload":{{{payload}}},"schedule":{"kind":"Interval","everySeconds":60}}"""),
            "application/json");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Command_refuses_a_json_body_in_a_charset_other_than_utf8_with_415()
    {
        var before = await HeadAsync();
        using var content = new ByteArrayContent(Encoding.Unicode.GetBytes("{\"principal\":\"ada\",\"device\":\"d\",\"channel\":\"c\"}"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-16" };

        using var response = await Writer.PostAsync("/v1/sessions", content);

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "media_type.unsupported");
        Assert.Equal(before, await HeadAsync());
    }

    private async Task<(long Seq, string Hash)> HeadAsync()
    {
        using var reader = Host.Reader();
        var head = await reader.GetFromJsonAsync<JsonElement>("/v1/journal/head");
        return (head.GetProperty("seq").GetInt64(), head.GetProperty("hash").GetString()!);
    }

    private async Task<Guid> CreateCanvasAsync()
    {
        using var response = await Writer.PostAsync("/v1/canvases", Json.Raw($$$"""{"sessionId":"{{{Guid.NewGuid()}}}","state":{"n":1}}"""));
        var body = await Json.BodyAsync(response);
        return Guid.Parse(body.GetProperty("stream").GetString()!["canvas-".Length..]);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, byte[] body, string contentType)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (method == HttpMethod.Patch)
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        }

        return await Writer.SendAsync(request);
    }

    /// <summary>The <c>field</c> a problem names for a JSON path: the path without its root (<c>body</c> for the root).</summary>
    private static string FieldOf(string jsonPath) =>
        jsonPath == "$" ? "body" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath[1..];

    private static byte[] WithBytes(string body, byte[] bytes)
    {
        var at = body.IndexOf(Bad, StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(body[..at]), .. bytes, .. Encoding.UTF8.GetBytes(body[(at + Bad.Length)..])];
    }
}
