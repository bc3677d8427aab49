using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

public sealed class WorkspaceEndpointTests : ApiTestBase
{
    [Fact]
    public async Task Create_get_update_move_delete_and_restore_a_document()
    {
        var documentId = await CreateAsync("notes/todo.md");
        using var reader = Host.Reader();

        using var got = await reader.GetAsync($"/v1/workspace/documents/{documentId}?minPosition={await Host.HeadAsync()}");
        var state = await Json.BodyAsync(got);
        using var update = new HttpRequestMessage(HttpMethod.Put, $"/v1/workspace/documents/{documentId}") { Content = JsonContent.Create(new { content = "- write tests" }) };
        update.Headers.TryAddWithoutValidation("If-Match", Json.ETagOf(got));
        using var updated = await Writer.SendAsync(update);
        var moved = await Json.PostAsync(Writer, $"/v1/workspace/documents/{documentId}/move", new { newPath = "notes/done.md" });
        using var deleted = await Writer.DeleteAsync($"/v1/workspace/documents/{documentId}");
        var restored = await Json.PostAsync(Writer, $"/v1/workspace/documents/{documentId}/restore", null);
        var final = await reader.GetFromJsonAsync<JsonElement>($"/v1/workspace/documents/{documentId}?minPosition={restored.GetProperty("position").GetInt64()}");

        Assert.Equal("notes/todo.md", state.GetProperty("document").GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("\"2\"", Json.ETagOf(updated));
        Assert.Equal(3, moved.GetProperty("streamVersion").GetInt64());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(5, restored.GetProperty("streamVersion").GetInt64());
        Assert.Equal("notes/done.md", final.GetProperty("document").GetProperty("path").GetString());
        Assert.Equal("Active", final.GetProperty("document").GetProperty("status").GetString());
        Assert.Equal(2, final.GetProperty("document").GetProperty("version").GetInt64());
        Assert.Equal("- write tests", final.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Second_document_at_a_taken_path_is_422_and_writes_nothing()
    {
        await CreateAsync("shared.md");
        var before = await Host.HeadAsync();

        using var response = await Writer.PostAsJsonAsync("/v1/workspace/documents", new { path = "./shared.md", content = "other" });

        await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "workspace.path_taken");
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task Update_from_an_old_content_version_is_409_and_a_stale_If_Match_is_409()
    {
        var documentId = await CreateAsync("draft.md");
        using var first = await Writer.PutAsJsonAsync($"/v1/workspace/documents/{documentId}", new { content = "v2", expectedVersion = 1 });

        using var oldContent = await Writer.PutAsJsonAsync($"/v1/workspace/documents/{documentId}", new { content = "v3", expectedVersion = 1 });
        using var stale = new HttpRequestMessage(HttpMethod.Delete, $"/v1/workspace/documents/{documentId}");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var staleDelete = await Writer.SendAsync(stale);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await Problem.AssertAsync(oldContent, HttpStatusCode.Conflict, "workspace.version_conflict");
        var conflict = await Problem.AssertAsync(staleDelete, HttpStatusCode.Conflict, "stream.wrong_expected_version");
        Assert.Equal(2, conflict.GetProperty("actual").GetInt64());
    }

    [Fact]
    public async Task Path_escaping_the_workspace_is_400_and_unknown_document_is_404()
    {
        using var escaping = await Writer.PostAsJsonAsync("/v1/workspace/documents", new { path = "../etc/passwd", content = "x" });
        using var reader = Host.Reader();
        using var unknown = await reader.GetAsync($"/v1/workspace/documents/{Guid.NewGuid()}");

        await Problem.AssertFieldAsync(escaping, "validation.failed", "path");
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "workspace.not_found");
    }

    private async Task<Guid> CreateAsync(string path)
    {
        var created = await Json.PostAsync(Writer, "/v1/workspace/documents", new { path, content = "# start" }, HttpStatusCode.Created);
        return Guid.Parse(created.GetProperty("stream").GetString()!["workspace-".Length..]);
    }
}
