using System.Text;
using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.Domain.Workspace;
using Journal.Domain.Workspace.UseCases;
using Journal.Projections.Tests.Support;
using Journal.Projections.Workspace;

namespace Journal.Projections.Tests.Workspace;

public sealed class DocumentQueryTests : IAsyncLifetime
{
    private readonly AdjustableClock _clock = new(AdjustableClock.Start);
    private readonly JournalFixture _f;

    public DocumentQueryTests() => _f = new JournalFixture(_clock);

    public Task InitializeAsync() => _f.StartAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task GetDocumentQuery_returns_the_latest_content_and_every_field_when_the_document_was_updated_and_moved()
    {
        var id = Guid.NewGuid();
        var createdAt = _clock.GetUtcNow();
        await _f.Send(new CreateWorkspaceDocumentRequest(id, "notes/todo.md", "first"));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _f.Send(new UpdateWorkspaceDocumentRequest(id, "zweite Fassung ü"));
        var movedAt = _clock.Advance(TimeSpan.FromMinutes(1));
        var moved = await _f.Send(new MoveWorkspaceDocumentRequest(id, "notes/done.md"));

        var view = await _f.Query(new GetDocumentQuery(id, moved.Position));

        var content = "zweite Fassung ü";
        Assert.Equal(
            new WorkspaceDocumentRow(id, "notes/done.md", WorkspaceDocumentStatus.Active, 2, Sha256Hex.Of(content), Encoding.UTF8.GetByteCount(content), createdAt, movedAt, 3, await LastPositionOf(id)),
            view.Document);
        Assert.Equal(content, view.Content);
    }

    [Fact]
    public async Task GetDocumentQuery_returns_the_document_marked_deleted_and_NotFound_when_unknown()
    {
        var id = await Create("a.md", "text");
        var deleted = await _f.Send(new DeleteWorkspaceDocumentRequest(id));

        var view = await _f.Query(new GetDocumentQuery(id, deleted.Position));
        var ex = await Assert.ThrowsAsync<NotFoundException>(() => _f.Query(new GetDocumentQuery(Guid.NewGuid())));

        Assert.Equal((WorkspaceDocumentStatus.Deleted, "text"), (view.Document.Status, view.Content));
        Assert.Equal("workspace", ex.Kind);
    }

    [Fact]
    public async Task ListDocumentsQuery_lists_by_path_under_a_prefix_and_skips_deleted_unless_asked()
    {
        var b = await Create("docs/b.md", "b");
        var a = await Create("docs/a.md", "a");
        var nested = await Create("docs/x/y.md", "y");
        await Create("other/docs/c.md", "c");
        var percent = await Create("docs%/d.md", "d");
        var gone = await Create("docs/gone.md", "gone");
        var last = await _f.Send(new DeleteWorkspaceDocumentRequest(gone));

        var docs = await _f.Query(new ListDocumentsQuery("docs/", MinPosition: last.Position));
        var withDeleted = await _f.Query(new ListDocumentsQuery("docs/", IncludeDeleted: true));
        var wildcard = await _f.Query(new ListDocumentsQuery("docs%"));
        var all = await _f.Query(new ListDocumentsQuery());

        Assert.Equal([a, b, nested], docs.Items.Select(d => d.DocumentId));
        Assert.Equal([a, b, gone, nested], withDeleted.Items.Select(d => d.DocumentId));
        Assert.Equal([percent], wildcard.Items.Select(d => d.DocumentId));
        Assert.Equal(["docs%/d.md", "docs/a.md", "docs/b.md", "docs/x/y.md", "other/docs/c.md"], all.Items.Select(d => d.Path));
    }

    [Fact]
    public async Task ListDocumentsQuery_pages_through_every_document_once_when_following_cursors()
    {
        var paths = Enumerable.Range(0, 11).Select(i => $"p/{i:D2}.md").ToList();
        long position = 0;
        foreach (var path in paths.OrderBy(_ => Guid.NewGuid()))
        {
            position = (await _f.Send(new CreateWorkspaceDocumentRequest(null, path, path))).Position;
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _f.Query(new ListDocumentsQuery("p/", Cursor: cursor, Limit: 4, MinPosition: position));
            seen.AddRange(page.Items.Select(d => d.Path));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(paths, seen);
        Assert.Equal(3, pages);
        await Assert.ThrowsAsync<ValidationException>(() => _f.Query(new ListDocumentsQuery(Cursor: "eyJ4Ijp0cnVlfQ")));
    }

    [Fact]
    public async Task ListDocumentVersionsQuery_pages_newest_first_and_GetDocumentVersionQuery_returns_each_content()
    {
        var id = await Create("v.md", "v1");
        long position = 0;
        for (var v = 2; v <= 5; v++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            position = (await _f.Send(new UpdateWorkspaceDocumentRequest(id, $"v{v}"))).Position;
        }

        var first = await _f.Query(new ListDocumentVersionsQuery(id, Limit: 2, MinPosition: position));
        var second = await _f.Query(new ListDocumentVersionsQuery(id, first.NextCursor, 2));
        var third = await _f.Query(new ListDocumentVersionsQuery(id, second.NextCursor, 2));
        var v3 = await _f.Query(new GetDocumentVersionQuery(id, 3));

        Assert.Equal([5L, 4L, 3L, 2L, 1L], first.Items.Concat(second.Items).Concat(third.Items).Select(v => v.Version));
        Assert.Null(third.NextCursor);
        Assert.Equal(
            new DocumentVersion(new DocumentVersionRow(id, 3, Sha256Hex.Of("v3"), 2, AdjustableClock.Start.AddSeconds(2), v3.Version.Position), "v3"),
            v3);
        Assert.Equal(position, first.Items[0].Position);
        await Assert.ThrowsAsync<NotFoundException>(() => _f.Query(new GetDocumentVersionQuery(id, 6)));
        await Assert.ThrowsAsync<NotFoundException>(() => _f.Query(new ListDocumentVersionsQuery(Guid.NewGuid())));
        var otherDocument = await Create("w.md", "w");
        await Assert.ThrowsAsync<ValidationException>(() => _f.Query(new ListDocumentVersionsQuery(otherDocument, first.NextCursor)));
    }

    [Fact]
    public async Task GetDocumentAtQuery_returns_the_document_as_it_was_when_given_a_stream_version_or_position()
    {
        var id = Guid.NewGuid();
        var created = await _f.Send(new CreateWorkspaceDocumentRequest(id, "t.md", "one"));
        var updated = await _f.Send(new UpdateWorkspaceDocumentRequest(id, "two"));
        var moved = await _f.Send(new MoveWorkspaceDocumentRequest(id, "u.md"));
        var deleted = await _f.Send(new DeleteWorkspaceDocumentRequest(id));

        var atOne = await _f.Query(new GetDocumentAtQuery(id, StreamVersion: 1));
        var atUpdate = await _f.Query(new GetDocumentAtQuery(id, Position: updated.Position));
        var atMove = await _f.Query(new GetDocumentAtQuery(id, StreamVersion: 3, Position: moved.Position + 1));
        var latest = await _f.Query(new GetDocumentAtQuery(id));
        var live = await _f.Query(new GetDocumentQuery(id, deleted.Position));

        // The create also claimed the path after the document's own event: the command's position is the claim's.
        Assert.Equal(("t.md", 1L, "one", created.Position - 1), (atOne.Document.Path, atOne.Document.Version, atOne.Content, atOne.Document.LastPosition));
        Assert.Equal(("t.md", 2L, "two"), (atUpdate.Document.Path, atUpdate.Document.Version, atUpdate.Content));
        Assert.Equal(("u.md", 2L, 3L, WorkspaceDocumentStatus.Active), (atMove.Document.Path, atMove.Document.Version, atMove.Document.StreamVersion, atMove.Document.Status));
        Assert.Equal(live, latest);
        Assert.Equal(WorkspaceDocumentStatus.Deleted, latest.Document.Status);
        await Assert.ThrowsAsync<NotFoundException>(() => _f.Query(new GetDocumentAtQuery(Guid.NewGuid())));
    }

    private async Task<long> LastPositionOf(Guid id)
    {
        var slice = await _f.Store.ReadStreamAsync(WorkspaceDocumentDecider.StreamFor(id), long.MaxValue, ReadDirection.Backward, 1, default);
        return Assert.Single(slice.Events).Seq;
    }

    private async Task<Guid> Create(string path, string content)
    {
        var id = Guid.NewGuid();
        await _f.Send(new CreateWorkspaceDocumentRequest(id, path, content));
        return id;
    }
}
