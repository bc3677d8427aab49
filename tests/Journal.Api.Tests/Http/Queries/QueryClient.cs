using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http.Queries;

/// <summary>What a command answered: the aggregate's id (from its stream name) and the position written.</summary>
public sealed record Written(Guid Id, long Position, long StreamVersion);

/// <summary>Commands and queries over HTTP for the query tests: a writer makes the data, a reader reads it.</summary>
public sealed class QueryClient(ApiHost host) : IDisposable
{
    private readonly HttpClient _writer = host.Writer();
    private readonly HttpClient _reader = host.Reader();

    public HttpClient Reader => _reader;

    public async Task<Written> PostAsync(string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var answer = await Json.PostAsync(_writer, path, body, expected);
        return Of(answer);
    }

    public async Task<Written> PutAsync(string path, object body)
    {
        using var response = await _writer.PutAsJsonAsync(path, body);
        return Of(await Json.BodyAsync(response));
    }

    public Task<Written> CreateSessionAsync(string principal = "ada", string channel = "cli", string? key = null, string? label = null) =>
        PostAsync("/v1/sessions", new { principal, device = "laptop", channel, sessionKey = key, label }, HttpStatusCode.Created);

    public Task<Written> AppendAsync(Guid sessionId, string text) =>
        PostAsync($"/v1/sessions/{sessionId}/transcript", new { kind = "UserMessage", text }, HttpStatusCode.Created);

    /// <summary>GETs <paramref name="path"/> as the reader and answers the 200 body.</summary>
    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _reader.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Follows <c>nextCursor</c> from the first page to the last; answers every page's items.</summary>
    public async Task<List<List<JsonElement>>> PagesAsync(string path)
    {
        var pages = new List<List<JsonElement>>();
        string? cursor = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await GetAsync(cursor is null ? path : $"{path}{separator}cursor={Uri.EscapeDataString(cursor)}");
            pages.Add([.. page.GetProperty("items").EnumerateArray()]);
            cursor = page.GetProperty("nextCursor").GetString();
            Assert.True(pages.Count < 100, "the cursor never ends");
        }
        while (cursor is not null);
        return pages;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _reader.Dispose();
    }

    private static Written Of(JsonElement answer)
    {
        var stream = answer.GetProperty("stream").GetString()!;
        return new Written(Guid.Parse(stream[(stream.IndexOf('-', StringComparison.Ordinal) + 1)..]), answer.GetProperty("position").GetInt64(), answer.GetProperty("streamVersion").GetInt64());
    }
}
