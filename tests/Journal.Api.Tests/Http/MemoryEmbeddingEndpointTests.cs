using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;
using Journal.Projections.Memory;
using Journal.Projections.Tests.Memory;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Api.Tests.Http;

public sealed class MemoryEmbeddingEndpointTests : IAsyncLifetime
{
    private readonly string _keyVariable = "JOURNAL_TEST_EMBEDDING_KEY_" + Guid.NewGuid().ToString("N");
    private readonly string _key = "sk-test-" + Guid.NewGuid().ToString("N");
    private FakeEmbeddingServer _server = null!;
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_keyVariable, _key);
        _server = await FakeEmbeddingServer.StartAsync(_key);
        _host = ApiHost.Start(settings: new Dictionary<string, string>
        {
            ["Journal:Memory:Embeddings:Provider"] = "openai",
            ["Journal:Memory:Embeddings:BaseUrl"] = _server.BaseUrl.ToString(),
            ["Journal:Memory:Embeddings:Model"] = "fake-embed-http",
            ["Journal:Memory:Embeddings:ApiKeyEnvironmentVariable"] = _keyVariable,
            ["Journal:Memory:Embeddings:Dimensions"] = "12",
        },
        configure: b => b.ConfigureServices(s => s.AddSingleton(new MemoryOptions { EmbeddingInterval = Timeout.InfiniteTimeSpan })));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
        Environment.SetEnvironmentVariable(_keyVariable, null);
    }

    [Fact]
    public async Task Recall_uses_the_openai_compatible_endpoint_the_settings_name()
    {
        using var writer = _host.Writer();
        using var reader = _host.Reader();
        var cat = await Json.PostAsync(writer, "/v1/memory/items", new { principal = "ada", content = "Ada's cat is called Turing" }, HttpStatusCode.Created);
        var last = await Json.PostAsync(writer, "/v1/memory/items", new { principal = "ada", content = "the deploy pipeline broke on friday" }, HttpStatusCode.Created);
        var catId = cat.GetProperty("stream").GetString()!["memory-".Length..];
        var pending = await reader.GetFromJsonAsync<JsonElement>($"/v1/memory/items/{catId}?minPosition={last.GetProperty("position").GetInt64()}");

        var written = await _host.Services.GetRequiredService<MemoryEmbedder>().RunOnceAsync(default);
        var item = await reader.GetFromJsonAsync<JsonElement>($"/v1/memory/items/{catId}");
        var recall = await Json.PostAsync(reader, "/v1/memory/recall", new { text = "pet name", principal = "ada" });

        Assert.Equal(JsonValueKind.Null, pending.GetProperty("embedding").ValueKind);
        Assert.Equal(2, written);
        Assert.Equal("fake-embed-http", item.GetProperty("embedding").GetProperty("model").GetString());
        Assert.Equal(12, item.GetProperty("embedding").GetProperty("dimensions").GetInt32());
        var hit = Assert.Single(recall.GetProperty("hits").EnumerateArray());
        Assert.Equal(catId, hit.GetProperty("itemId").GetString());
        Assert.False(hit.GetProperty("parts").GetProperty("textMatch").GetBoolean());
        Assert.True(hit.GetProperty("parts").GetProperty("vectorSearchable").GetBoolean());
        Assert.All(_server.Requests, r => Assert.Equal(("fake-embed-http", 12, "Bearer " + _key), (r.Model, r.Dimensions, r.Authorization)));
    }
}
