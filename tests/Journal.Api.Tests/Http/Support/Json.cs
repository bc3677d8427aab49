using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Journal.Api.Tests.Http.Support;

/// <summary>Small helpers for JSON requests and answers.</summary>
public static class Json
{
    public static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string path, object? body, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK, Action<HttpRequestMessage>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        headers?.Invoke(request);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"POST {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string ETagOf(HttpResponseMessage response) => response.Headers.ETag?.Tag ?? throw new Xunit.Sdk.XunitException("no ETag");
}
