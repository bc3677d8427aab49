using Journal.Domain.Workspace.UseCases;
using Journal.Projections.Tests.Support;
using Journal.Projections.Workspace;

namespace Journal.Projections.Tests.Workspace;

public sealed class SearchDocumentsTests : IAsyncLifetime
{
    private readonly JournalFixture _f = new();

    public Task InitializeAsync() => _f.StartAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task SearchDocumentsQuery_ranks_a_close_match_above_a_weak_one_and_marks_the_snippet()
    {
        var weak = await Create("notes/weak.md", "We talked about many things today. The pipeline was mentioned once, and much later, "
            + "after lunch and a long meeting about budgets and hiring and the office move, someone said deploy.");
        var strong = await Create("notes/strong.md", "Deploy pipeline: how the deploy pipeline works.");
        var last = await Create("notes/none.md", "Nothing relevant here.");

        var hits = await _f.Query(new SearchDocumentsQuery("deploy pipeline", MinPosition: last.Position));

        Assert.Equal([strong.Id, weak.Id], hits.Select(h => h.DocumentId));
        Assert.True(hits[0].Score > hits[1].Score);
        Assert.Equal(("notes/strong.md", 1L), (hits[0].Path, hits[0].Version));
        Assert.Contains("<mark>Deploy</mark> <mark>pipeline</mark>", hits[0].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchDocumentsQuery_finds_only_the_latest_content_of_active_documents_under_the_prefix()
    {
        var old = await Create("a/old.md", "kangaroo");
        await _f.Send(new UpdateWorkspaceDocumentRequest(old.Id, "wombat"));
        var gone = await Create("a/gone.md", "kangaroo wombat");
        await _f.Send(new DeleteWorkspaceDocumentRequest(gone.Id));
        var elsewhere = await Create("b/other.md", "wombat");
        var last = await _f.Send(new MoveWorkspaceDocumentRequest(old.Id, "a/moved.md"));

        var kangaroo = await _f.Query(new SearchDocumentsQuery("kangaroo", MinPosition: last.Position));
        var wombat = await _f.Query(new SearchDocumentsQuery("WOMBAT"));
        var wombatUnderA = await _f.Query(new SearchDocumentsQuery("wombat", "a/"));
        var restored = await _f.Send(new RestoreWorkspaceDocumentRequest(gone.Id));
        var afterRestore = await _f.Query(new SearchDocumentsQuery("kangaroo", MinPosition: restored.Position));

        Assert.Empty(kangaroo);
        Assert.Equal(new[] { old.Id, elsewhere.Id }.Order(), wombat.Select(h => h.DocumentId).Order());
        Assert.Equal("a/moved.md", Assert.Single(wombatUnderA).Path);
        Assert.Equal(gone.Id, Assert.Single(afterRestore).DocumentId);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unbalanced quote")]
    [InlineData("alpha*")]
    [InlineData("alpha AND")]
    [InlineData("AND OR NOT")]
    [InlineData("NEAR(alpha beta)")]
    [InlineData("-alpha")]
    [InlineData("content:alpha")]
    [InlineData("alpha:")]
    [InlineData("^alpha + {beta}")]
    [InlineData("(((")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0000\u0001")]
    public async Task SearchDocumentsQuery_treats_fts_syntax_as_plain_words_without_error(string text)
    {
        var doc = await Create("syntax.md", "alpha beta and near content");

        var hits = await _f.Query(new SearchDocumentsQuery(text, MinPosition: doc.Position));

        Assert.All(hits, h => Assert.Equal(doc.Id, h.DocumentId));
    }

    [Fact]
    public async Task SearchDocumentsQuery_matches_operator_words_literally_and_returns_nothing_for_punctuation()
    {
        var doc = await Create("ops.md", "alpha and beta near gamma");

        var and = await _f.Query(new SearchDocumentsQuery("alpha AND beta", MinPosition: doc.Position));
        var near = await _f.Query(new SearchDocumentsQuery("NEAR(alpha gamma)"));
        var missing = await _f.Query(new SearchDocumentsQuery("alpha OR delta"));
        var punctuation = await _f.Query(new SearchDocumentsQuery("*:-\"()"));

        Assert.Single(and);
        Assert.Single(near);
        Assert.Empty(missing);
        Assert.Empty(punctuation);
    }

    [Fact]
    public async Task RebuildAsync_gives_the_same_workspace_answers_as_the_live_projection()
    {
        var a = await Create("r/a.md", "river stone river");
        var b = await Create("r/b.md", "stone");
        await _f.Send(new UpdateWorkspaceDocumentRequest(a.Id, "river stone river stone"));
        await _f.Send(new DeleteWorkspaceDocumentRequest(b.Id));
        var c = await Create("r/c.md", "a stone by the river");
        var before = await Snapshot(c.Position, a.Id);

        await _f.Daemon.RebuildAsync(null, null, default);
        var after = await Snapshot(null, a.Id);

        Assert.Equal(before.List, after.List);
        Assert.Equal(before.Hits, after.Hits);
        Assert.Equal(before.Versions, after.Versions);
        Assert.Equal(2, before.Hits.Count);
    }

    [Fact]
    public async Task RebuildAsync_indexes_each_active_document_once_and_live_changes_then_replace_its_entry()
    {
        var kept = await Create("t/kept.md", "heron");
        await _f.Send(new UpdateWorkspaceDocumentRequest(kept.Id, "heron marsh"));
        var back = await Create("t/back.md", "heron");
        await _f.Send(new DeleteWorkspaceDocumentRequest(back.Id));
        await _f.Send(new RestoreWorkspaceDocumentRequest(back.Id));
        var gone = await Create("t/gone.md", "heron marsh");
        await _f.Send(new DeleteWorkspaceDocumentRequest(gone.Id));

        await _f.Daemon.RebuildAsync(null, null, default);
        var rebuilt = await _f.Query(new SearchDocumentsQuery("heron"));
        var changed = await _f.Send(new UpdateWorkspaceDocumentRequest(kept.Id, "egret"));
        var oldWords = await _f.Query(new SearchDocumentsQuery("marsh", MinPosition: changed.Position));
        var newWords = await _f.Query(new SearchDocumentsQuery("egret"));

        Assert.Equal(new[] { kept.Id, back.Id }.Order(), rebuilt.Select(h => h.DocumentId).Order());
        Assert.Equal(2L, rebuilt.Single(h => h.DocumentId == kept.Id).Version);
        Assert.Empty(oldWords);
        Assert.Equal(kept.Id, Assert.Single(newWords).DocumentId);
    }

    [Fact]
    public async Task RebuildAsync_of_one_projection_keeps_the_search_index_working_whether_it_is_replayed_or_copied()
    {
        var a = await Create("s/a.md", "river stone");
        var before = await Snapshot(a.Position, a.Id);

        await _f.Daemon.RebuildAsync("workspace.v1", null, default);
        var replayed = await Snapshot(null, a.Id);
        await _f.Daemon.RebuildAsync("tooljobs.v1", null, default);
        var copied = await Snapshot(null, a.Id);
        var b = await Create("s/b.md", "stone river");
        var afterMore = await _f.Query(new SearchDocumentsQuery("river stone", MinPosition: b.Position));

        Assert.Equal(before.Hits, replayed.Hits);
        Assert.Equal(before.Hits, copied.Hits);
        Assert.Equal(2, afterMore.Count);
    }

    private async Task<(IReadOnlyList<WorkspaceDocumentRow> List, IReadOnlyList<DocumentSearchHit> Hits, IReadOnlyList<DocumentVersionRow> Versions)> Snapshot(long? position, Guid id)
    {
        var list = await _f.Query(new ListDocumentsQuery(IncludeDeleted: true, MinPosition: position));
        var hits = await _f.Query(new SearchDocumentsQuery("river stone"));
        var versions = await _f.Query(new ListDocumentVersionsQuery(id));
        return (list.Items, hits, versions.Items);
    }

    private async Task<(Guid Id, long Position)> Create(string path, string content)
    {
        var id = Guid.NewGuid();
        var result = await _f.Send(new CreateWorkspaceDocumentRequest(id, path, content));
        return (id, result.Position);
    }
}
