using System.Net;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http.Queries;

public sealed class WorkspaceQueryTests : ApiTestBase
{
    [Fact]
    public async Task Documents_list_by_prefix_in_path_order_with_cursors_and_deleted_on_request()
    {
        foreach (var path in new[] { "notes/c.md", "notes/a.md", "notes/b.md", "src/main.cs" })
        {
            await Create(path, $"content of {path}");
        }

        var gone = await Create("notes/z.md", "old");
        var deleted = await Delete(gone.Id);

        var pages = await Queries.PagesAsync($"/v1/workspace/documents?pathPrefix=notes/&limit=2&minPosition={deleted.Position}");
        var withDeleted = await Queries.GetAsync("/v1/workspace/documents?pathPrefix=notes/&includeDeleted=true");

        Assert.Equal([2, 1], pages.Select(p => p.Count));
        Assert.Equal(["notes/a.md", "notes/b.md", "notes/c.md"], pages.SelectMany(p => p).Select(d => d.GetProperty("path").GetString()));
        Assert.Equal("Deleted", withDeleted.GetProperty("items")[3].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_document_its_versions_one_version_and_time_travel()
    {
        var created = await Create("plan.md", "first draft");
        var updated = await Queries.PutAsync($"/v1/workspace/documents/{created.Id}", new { content = "second draft" });
        var moved = await Queries.PostAsync($"/v1/workspace/documents/{created.Id}/move", new { newPath = "done/plan.md" });

        using var response = await Queries.Reader.GetAsync($"/v1/workspace/documents/{created.Id}?minPosition={moved.Position}");
        var document = await Json.BodyAsync(response);
        var versions = await Queries.PagesAsync($"/v1/workspace/documents/{created.Id}/versions?limit=1");
        var first = await Queries.GetAsync($"/v1/workspace/documents/{created.Id}/versions/1");
        var atUpdate = await Queries.GetAsync($"/v1/workspace/documents/{created.Id}/at?position={updated.Position}");

        Assert.Equal("\"3\"", Json.ETagOf(response));
        Assert.Equal("done/plan.md", document.GetProperty("document").GetProperty("path").GetString());
        Assert.Equal("second draft", document.GetProperty("content").GetString());
        Assert.Equal([2L, 1], versions.SelectMany(p => p).Select(v => v.GetProperty("version").GetInt64()));
        Assert.Equal("first draft", first.GetProperty("content").GetString());
        Assert.Equal("plan.md", atUpdate.GetProperty("document").GetProperty("path").GetString());
        Assert.Equal("second draft", atUpdate.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Search_finds_every_word_best_first_and_reads_its_own_write()
    {
        await Create("a.md", "the journal keeps every event");
        var last = await Create("b.md", "an event journal with a hash chain and a journal index");

        var hits = await Queries.GetAsync($"/v1/workspace/search?q=journal%20event&minPosition={last.Position}");
        var scoped = await Queries.GetAsync("/v1/workspace/search?q=chain&pathPrefix=a");
        var syntax = await Queries.GetAsync("/v1/workspace/search?q=%22NEAR(%22");

        Assert.Equal(2, hits.GetProperty("items").GetArrayLength());
        Assert.Contains("<mark>", hits.GetProperty("items")[0].GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, scoped.GetProperty("items").GetArrayLength());
        Assert.Equal(0, syntax.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Workspace_refusals_name_the_field_and_unknown_documents_are_404()
    {
        var created = await Create("x.md", "x");

        using var noQuery = await Queries.Reader.GetAsync("/v1/workspace/search");
        using var longQuery = await Queries.Reader.GetAsync("/v1/workspace/search?q=" + new string('a', 1001));
        using var cursor = await Queries.Reader.GetAsync($"/v1/workspace/documents/{created.Id}/versions?cursor=AAAA");
        using var version = await Queries.Reader.GetAsync($"/v1/workspace/documents/{created.Id}/versions/two");
        using var missingVersion = await Queries.Reader.GetAsync($"/v1/workspace/documents/{created.Id}/versions/9?minPosition={created.Position}");
        using var unknown = await Queries.Reader.GetAsync($"/v1/workspace/documents/{Guid.NewGuid()}");
        using var unknownVersions = await Queries.Reader.GetAsync($"/v1/workspace/documents/{Guid.NewGuid()}/versions");

        await Problem.AssertFieldAsync(noQuery, "request.invalid_parameter", "q");
        await Problem.AssertFieldAsync(longQuery, "validation.failed", "q");
        await Problem.AssertFieldAsync(cursor, "validation.failed", "cursor");
        await Problem.AssertFieldAsync(version, "request.invalid_parameter", "version");
        await Problem.AssertAsync(missingVersion, HttpStatusCode.NotFound, "workspace_version.not_found");
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "workspace.not_found");
        await Problem.AssertAsync(unknownVersions, HttpStatusCode.NotFound, "workspace.not_found");
    }

    private Task<Written> Create(string path, string content) =>
        Queries.PostAsync("/v1/workspace/documents", new { path, content }, HttpStatusCode.Created);

    private async Task<Written> Delete(Guid id)
    {
        using var writer = Host.Writer();
        using var response = await writer.DeleteAsync($"/v1/workspace/documents/{id}");
        var body = await Json.BodyAsync(response);
        return new Written(id, body.GetProperty("position").GetInt64(), body.GetProperty("streamVersion").GetInt64());
    }
}
