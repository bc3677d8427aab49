using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

public sealed class MemoryEndpointTests : ApiTestBase
{
    [Fact]
    public async Task Add_get_recall_update_and_delete_a_memory_item()
    {
        using var reader = Host.Reader();
        var added = await Json.PostAsync(
            Writer, "/v1/memory/items", new { principal = "alice", channel = "chat", content = "The  staging\tdatabase lives on host db-7", tags = new[] { "Infra" }, source = "summary", confidence = 0.8 }, HttpStatusCode.Created);
        var itemId = added.GetProperty("stream").GetString()!["memory-".Length..];
        var position = added.GetProperty("position").GetInt64();

        var item = await reader.GetFromJsonAsync<JsonElement>($"/v1/memory/items/{itemId}?minPosition={position}");
        var recall = await Json.PostAsync(reader, "/v1/memory/recall", new { text = "staging database host", principal = "alice", tags = new[] { "infra" } });
        using var patch = await Writer.PatchAsJsonAsync($"/v1/memory/items/{itemId}", new { tags = new[] { "ops" }, confidence = 0.5 });
        var patched = await Json.BodyAsync(patch);
        var afterPatch = await Json.PostAsync(reader, "/v1/memory/recall", new { text = "staging database", principal = "alice", tags = new[] { "infra" }, minPosition = patched.GetProperty("position").GetInt64() });
        using var deleted = await Writer.DeleteAsync($"/v1/memory/items/{itemId}");
        var deletedAt = (await Json.BodyAsync(deleted)).GetProperty("position").GetInt64();
        using var gone = await reader.GetAsync($"/v1/memory/items/{itemId}?minPosition={deletedAt}");

        Assert.Equal("The staging database lives on host db-7", item.GetProperty("content").GetString());
        Assert.Equal("chat", item.GetProperty("scope").GetProperty("channel").GetString());
        Assert.Equal("infra", item.GetProperty("tags")[0].GetString());
        Assert.Equal("journal-hash-256", item.GetProperty("embedding").GetProperty("model").GetString());
        var hit = Assert.Single(recall.GetProperty("hits").EnumerateArray());
        Assert.Equal(itemId, hit.GetProperty("itemId").GetString());
        Assert.True(hit.GetProperty("parts").GetProperty("textMatch").GetBoolean());
        Assert.True(hit.GetProperty("score").GetDouble() > 0);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Empty(afterPatch.GetProperty("hits").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await Problem.AssertAsync(gone, HttpStatusCode.NotFound, "memory_item.not_found");
    }

    [Fact]
    public async Task Purge_forgets_a_scope_and_reports_what_it_removed()
    {
        await Json.PostAsync(Writer, "/v1/memory/items", new { principal = "bob", channel = "chat", content = "mango smoothie" }, HttpStatusCode.Created);
        await Json.PostAsync(Writer, "/v1/memory/items", new { principal = "bob", channel = "mail", content = "mango chutney" }, HttpStatusCode.Created);

        var report = await Json.PostAsync(Writer, "/v1/memory/purge", new { principal = "bob", channel = "chat" });
        var left = await Json.PostAsync(Host.Reader(), "/v1/memory/recall", new { text = "mango", principal = "bob", minPosition = report.GetProperty("position").GetInt64() });

        Assert.Single(report.GetProperty("removed").EnumerateArray());
        Assert.Equal(1, report.GetProperty("counts").GetProperty("purged").GetInt32());
        Assert.Equal("mango chutney", Assert.Single(left.GetProperty("hits").EnumerateArray()).GetProperty("content").GetString());
    }

    [Fact]
    public async Task Bad_memory_input_is_400_and_writes_nothing()
    {
        var before = await Host.HeadAsync();

        using var badSource = await Writer.PostAsJsonAsync("/v1/memory/items", new { principal = "alice", content = "x", source = "web" });
        using var badTag = await Writer.PostAsJsonAsync("/v1/memory/items", new { principal = "alice", content = "x", tags = new[] { "no spaces" } });
        using var badConfidence = await Writer.PostAsJsonAsync("/v1/memory/items", new { principal = "alice", content = "x", confidence = 2.0 });
        using var badRecall = await Host.Reader().PostAsJsonAsync("/v1/memory/recall", new { text = "x", principal = "alice", limit = 1000 });

        await Problem.AssertFieldAsync(badSource, "validation.failed", "source");
        await Problem.AssertFieldAsync(badTag, "validation.failed", "tags");
        await Problem.AssertFieldAsync(badConfidence, "validation.failed", "confidence");
        await Problem.AssertFieldAsync(badRecall, "validation.failed", "limit");
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task Memory_writes_need_the_writer_role_and_retention_the_admin_role()
    {
        using var reader = Host.Reader();

        using var add = await reader.PostAsJsonAsync("/v1/memory/items", new { principal = "alice", content = "x" });
        using var purge = await reader.PostAsJsonAsync("/v1/memory/purge", new { principal = "alice" });
        using var retentionByWriter = await Writer.PostAsync("/v1/admin/memory/retention", null);
        using var admin = Host.Admin();
        var retention = await Json.PostAsync(admin, "/v1/admin/memory/retention", null);

        await Problem.AssertAsync(add, HttpStatusCode.Forbidden, "auth.forbidden");
        await Problem.AssertAsync(purge, HttpStatusCode.Forbidden, "auth.forbidden");
        await Problem.AssertAsync(retentionByWriter, HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Empty(retention.GetProperty("removed").EnumerateArray());
    }
}
