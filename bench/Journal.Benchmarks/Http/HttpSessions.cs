using System.Net.Http.Json;
using System.Text.Json;

namespace Journal.Benchmarks.Http;

/// <summary>Sessions the HTTP bench reads and writes, made over the API.</summary>
internal static class HttpSessions
{
    /// <summary>A new session, already in the read model when this returns.</summary>
    public static async Task<Guid> CreateAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/v1/sessions", new { principal = "bench", device = "bench-host", channel = "bench", label = "bench" }).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
        var position = body.GetProperty("position").GetInt64();
        var id = Guid.Parse(body.GetProperty("stream").GetString()!["session-".Length..]);

        // The read model must hold the session before the GET load starts.
        using var check = await client.GetAsync($"/v1/sessions/{id}?minPosition={position}").ConfigureAwait(false);
        check.EnsureSuccessStatusCode();
        return id;
    }
}
