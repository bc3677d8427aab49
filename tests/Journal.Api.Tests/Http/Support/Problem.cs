using System.Net;
using System.Text.Json;

namespace Journal.Api.Tests.Http.Support;

/// <summary>Checks of problem details answers.</summary>
public static class Problem
{
    /// <summary>Asserts an RFC 9457 body with the status, the stable type and the code; answers the body.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal("https://journal.dev/problems/" + code, body.GetProperty("type").GetString());
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        return body;
    }

    /// <summary>Asserts a 400 naming <paramref name="field"/>.</summary>
    public static async Task<JsonElement> AssertFieldAsync(HttpResponseMessage response, string code, string field)
    {
        var body = await AssertAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Equal(field, body.GetProperty("field").GetString());
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
        return body;
    }
}
