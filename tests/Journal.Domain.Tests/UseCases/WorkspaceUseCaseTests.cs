using System.Security.Cryptography;
using System.Text;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.Domain.Workspace;
using Journal.Domain.Workspace.UseCases;

namespace Journal.Domain.Tests.UseCases;

public sealed class WorkspaceUseCaseTests : IAsyncLifetime
{
    private readonly JournalHarness _journal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task CreateWorkspaceDocument_appends_the_document_and_its_path_claim_together_and_returns_the_position()
    {
        var id = Guid.NewGuid();

        var result = await _journal.Send(new CreateWorkspaceDocumentRequest(id, "notes//./plan.md", "# Plan\n"));

        Assert.Equal((2L, 2, 1L), (result.Position, result.EventsWritten, result.StreamVersion));
        Assert.Equal(WorkspaceDocumentDecider.StreamFor(id).Value, result.Stream);
        var created = Assert.IsType<WorkspaceDocumentCreated>(Assert.Single(await _journal.EventsAsync(WorkspaceDocumentDecider.StreamFor(id))));
        Assert.Equal(("notes/plan.md", "# Plan\n", 1L), (created.Path, created.Content, created.Version));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("# Plan\n"))), created.ContentSha256);
        var claim = Assert.IsType<WorkspacePathClaimed>(Assert.Single(await _journal.EventsAsync(WorkspacePath.ClaimStreamFor("notes/plan.md"))));
        Assert.Equal((id, "notes/plan.md"), (claim.DocumentId, claim.Path));
    }

    [Theory]
    [InlineData("notes/plan.md")]
    [InlineData("./notes\\plan.md")]
    public async Task CreateWorkspaceDocument_refuses_a_path_held_by_another_document(string spelling)
    {
        await Created("notes/plan.md");
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new CreateWorkspaceDocumentRequest(Guid.NewGuid(), spelling, "other")));

        Assert.Equal("workspace.path_taken", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task CreateWorkspaceDocument_refuses_a_path_outside_the_workspace_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new CreateWorkspaceDocumentRequest(Guid.NewGuid(), "notes/../../etc/passwd", "x")));

        Assert.Equal("Path", error.Field);
        Assert.Equal(0, await _journal.HeadAsync());
    }

    [Fact]
    public async Task CreateWorkspaceDocument_refuses_an_id_already_in_use_and_writes_nothing()
    {
        var id = await Created("a.md");
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new CreateWorkspaceDocumentRequest(id, "b.md", "x")));

        Assert.Equal("workspace.document_exists", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task CreateWorkspaceDocument_retried_with_its_idempotency_key_returns_the_first_result_and_writes_once()
    {
        var context = new CommandContext(IdempotencyKey: "create-plan-1");
        var first = await _journal.Send(new CreateWorkspaceDocumentRequest(null, "notes/plan.md", "# Plan\n") { Context = context });

        var again = await _journal.Send(new CreateWorkspaceDocumentRequest(null, "notes/plan.md", "# Plan\n") { Context = context });

        Assert.True(again.Replayed);
        Assert.Equal((first.Stream, first.StreamVersion, first.Position), (again.Stream, again.StreamVersion, again.Position));
        Assert.Equal(2, await _journal.HeadAsync());
    }

    [Fact]
    public async Task DeleteWorkspaceDocument_refuses_a_precondition_on_another_version_and_writes_nothing()
    {
        var id = await Created("a.md");
        await _journal.Send(new UpdateWorkspaceDocumentRequest(id, "v2"));
        var head = await _journal.HeadAsync();
        var stream = WorkspaceDocumentDecider.StreamFor(id);

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _journal.Send(
            new DeleteWorkspaceDocumentRequest(id) { Context = new CommandContext(Precondition: new Precondition(stream, ExpectedVersion.Exact(1))) }));

        Assert.Equal((stream.Value, 2L), (error.Stream, error.Actual));
        Assert.Equal(head, await _journal.HeadAsync());
        Assert.False((await _journal.Mediator.Send(new GetWorkspaceDocumentRequest(id))).Deleted);
    }

    [Fact]
    public async Task MoveWorkspaceDocument_with_the_current_version_as_its_precondition_moves_the_document()
    {
        var id = await Created("a.md");
        var stream = WorkspaceDocumentDecider.StreamFor(id);

        var result = await _journal.Send(new MoveWorkspaceDocumentRequest(id, "b.md") { Context = new CommandContext(Precondition: new Precondition(stream, ExpectedVersion.Exact(1))) });

        Assert.Equal((stream.Value, 2L, 3), (result.Stream, result.StreamVersion, result.EventsWritten));
        Assert.Equal("b.md", (await _journal.Mediator.Send(new GetWorkspaceDocumentRequest(id))).Path);
    }

    [Fact]
    public async Task Two_CreateWorkspaceDocument_racing_for_one_path_let_exactly_one_win_and_the_other_is_refused_by_the_rule()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        Task<CommandResult> firstCreate;
        Task<CommandResult> secondCreate;
        using (await _journal.Store.HoldWriterAsync(default))
        {
            firstCreate = _journal.Send(new CreateWorkspaceDocumentRequest(first, "shared/todo.md", "from first"));
            secondCreate = _journal.Send(new CreateWorkspaceDocumentRequest(second, "shared/todo.md", "from second"));
            await WaitUntilQueued(2);
        }

        var outcomes = await Task.WhenAll(Outcome(firstCreate), Outcome(secondCreate));

        // The loser's append lost the race on the path's stream; decided again, the path is taken.
        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is RuleViolationException { Code: "workspace.path_taken" });
        Assert.Equal(2, await _journal.HeadAsync());
        var holder = Assert.IsType<WorkspacePathClaimed>(Assert.Single(await _journal.EventsAsync(WorkspacePath.ClaimStreamFor("shared/todo.md")))).DocumentId;
        var loser = holder == first ? second : first;
        Assert.Single(await _journal.EventsAsync(WorkspaceDocumentDecider.StreamFor(holder)));
        Assert.Empty(await _journal.EventsAsync(WorkspaceDocumentDecider.StreamFor(loser)));
    }

    [Fact]
    public async Task UpdateWorkspaceDocument_appends_a_new_version()
    {
        var id = await Created("a.md");

        var result = await _journal.Send(new UpdateWorkspaceDocumentRequest(id, "v2", ExpectedVersion: 1));

        Assert.Equal((3L, 1, 2L), (result.Position, result.EventsWritten, result.StreamVersion));
        var updated = Assert.IsType<WorkspaceDocumentUpdated>((await _journal.EventsAsync(WorkspaceDocumentDecider.StreamFor(id)))[^1]);
        Assert.Equal(("v2", 2L), (updated.Content, updated.Version));
        Assert.Equal(2, (await _journal.Mediator.Send(new GetWorkspaceDocumentRequest(id))).Version);
    }

    [Fact]
    public async Task UpdateWorkspaceDocument_writes_nothing_when_the_content_is_unchanged()
    {
        var id = await Created("a.md", "same");
        var head = await _journal.HeadAsync();

        var result = await _journal.Send(new UpdateWorkspaceDocumentRequest(id, "same"));

        // Nothing changed: the answer is the document stream's own last position (its claim came after it).
        Assert.Equal((0, 1L, 1L), (result.EventsWritten, result.Position, result.StreamVersion));
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task UpdateWorkspaceDocument_refuses_an_edit_of_a_stale_version_and_writes_nothing()
    {
        var id = await Created("a.md");
        await _journal.Send(new UpdateWorkspaceDocumentRequest(id, "v2"));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new UpdateWorkspaceDocumentRequest(id, "edited from v1", ExpectedVersion: 1)));

        Assert.Equal("workspace.version_conflict", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task UpdateWorkspaceDocument_refuses_a_deleted_document_and_writes_nothing()
    {
        var id = await Created("a.md");
        await _journal.Send(new DeleteWorkspaceDocumentRequest(id));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new UpdateWorkspaceDocumentRequest(id, "late edit")));

        Assert.Equal("workspace.document_deleted", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task UpdateWorkspaceDocument_refuses_an_unknown_document_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Send(new UpdateWorkspaceDocumentRequest(Guid.NewGuid(), "x")));

        Assert.Equal("workspace.not_found", error.Code);
        Assert.Equal(0, await _journal.HeadAsync());
    }

    [Fact]
    public async Task MoveWorkspaceDocument_releases_the_old_path_and_claims_the_new_one_in_one_append()
    {
        var id = await Created("drafts/post.md");

        var result = await _journal.Send(new MoveWorkspaceDocumentRequest(id, "published/post.md"));

        Assert.Equal((5L, 3, 2L), (result.Position, result.EventsWritten, result.StreamVersion));
        var moved = Assert.IsType<WorkspaceDocumentMoved>((await _journal.EventsAsync(WorkspaceDocumentDecider.StreamFor(id)))[^1]);
        Assert.Equal(("drafts/post.md", "published/post.md"), (moved.FromPath, moved.ToPath));
        Assert.IsType<WorkspacePathReleased>((await _journal.EventsAsync(WorkspacePath.ClaimStreamFor("drafts/post.md")))[^1]);
        Assert.Equal(id, Assert.IsType<WorkspacePathClaimed>(Assert.Single(await _journal.EventsAsync(WorkspacePath.ClaimStreamFor("published/post.md")))).DocumentId);
        Assert.Equal("published/post.md", (await _journal.Mediator.Send(new GetWorkspaceDocumentRequest(id))).Path);
    }

    [Fact]
    public async Task MoveWorkspaceDocument_frees_the_old_path_for_another_document()
    {
        var id = await Created("drafts/post.md");
        await _journal.Send(new MoveWorkspaceDocumentRequest(id, "published/post.md"));

        var other = await _journal.Send(new CreateWorkspaceDocumentRequest(Guid.NewGuid(), "drafts/post.md", "a new draft"));

        Assert.Equal(2, other.EventsWritten);
        var taken = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new CreateWorkspaceDocumentRequest(Guid.NewGuid(), "published/post.md", "x")));
        Assert.Equal("workspace.path_taken", taken.Code);
    }

    [Fact]
    public async Task MoveWorkspaceDocument_refuses_a_path_held_by_another_document_and_writes_nothing()
    {
        var id = await Created("a.md");
        await Created("b.md");
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new MoveWorkspaceDocumentRequest(id, "b.md")));

        Assert.Equal("workspace.path_taken", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
        Assert.Equal("a.md", (await _journal.Mediator.Send(new GetWorkspaceDocumentRequest(id))).Path);
    }

    [Fact]
    public async Task MoveWorkspaceDocument_writes_nothing_when_the_path_is_the_same_place()
    {
        var id = await Created("dir/a.md");
        var head = await _journal.HeadAsync();

        var result = await _journal.Send(new MoveWorkspaceDocumentRequest(id, "./dir//a.md"));

        Assert.Equal((0, 1L), (result.EventsWritten, result.StreamVersion));
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task DeleteWorkspaceDocument_soft_deletes_the_document_and_releases_its_path_in_one_append()
    {
        var id = await Created("a.md");

        var result = await _journal.Send(new DeleteWorkspaceDocumentRequest(id));

        Assert.Equal((4L, 2, 2L), (result.Position, result.EventsWritten, result.StreamVersion));
        Assert.IsType<WorkspaceDocumentDeleted>((await _journal.EventsAsync(WorkspaceDocumentDecider.StreamFor(id)))[^1]);
        Assert.IsType<WorkspacePathReleased>((await _journal.EventsAsync(WorkspacePath.ClaimStreamFor("a.md")))[^1]);
        Assert.True((await _journal.Mediator.Send(new GetWorkspaceDocumentRequest(id))).Deleted);
        Assert.Equal(2, (await _journal.Send(new CreateWorkspaceDocumentRequest(Guid.NewGuid(), "a.md", "replacement"))).EventsWritten);
    }

    [Fact]
    public async Task DeleteWorkspaceDocument_refuses_a_document_deleted_already_and_writes_nothing()
    {
        var id = await Created("a.md");
        await _journal.Send(new DeleteWorkspaceDocumentRequest(id));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new DeleteWorkspaceDocumentRequest(id)));

        Assert.Equal("workspace.document_deleted", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task RestoreWorkspaceDocument_brings_a_deleted_document_back_at_its_path()
    {
        var id = await Created("a.md", "keep me");
        await _journal.Send(new DeleteWorkspaceDocumentRequest(id));

        var result = await _journal.Send(new RestoreWorkspaceDocumentRequest(id));

        Assert.Equal((6L, 2, 3L), (result.Position, result.EventsWritten, result.StreamVersion));
        Assert.IsType<WorkspaceDocumentRestored>((await _journal.EventsAsync(WorkspaceDocumentDecider.StreamFor(id)))[^1]);
        Assert.Equal(id, Assert.IsType<WorkspacePathClaimed>((await _journal.EventsAsync(WorkspacePath.ClaimStreamFor("a.md")))[^1]).DocumentId);
        var state = await _journal.Mediator.Send(new GetWorkspaceDocumentRequest(id));
        Assert.Equal((false, "a.md", 1L), (state.Deleted, state.Path, state.Version));
        var taken = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new CreateWorkspaceDocumentRequest(Guid.NewGuid(), "a.md", "x")));
        Assert.Equal("workspace.path_taken", taken.Code);
    }

    [Fact]
    public async Task RestoreWorkspaceDocument_refuses_a_path_another_live_document_took_and_writes_nothing()
    {
        var id = await Created("a.md");
        await _journal.Send(new DeleteWorkspaceDocumentRequest(id));
        await Created("a.md");
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new RestoreWorkspaceDocumentRequest(id)));

        Assert.Equal("workspace.path_taken", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
        Assert.True((await _journal.Mediator.Send(new GetWorkspaceDocumentRequest(id))).Deleted);
    }

    [Fact]
    public async Task RestoreWorkspaceDocument_refuses_a_document_that_is_not_deleted_and_writes_nothing()
    {
        var id = await Created("a.md");
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new RestoreWorkspaceDocumentRequest(id)));

        Assert.Equal("workspace.document_not_deleted", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task GetWorkspaceDocument_returns_the_document_state_from_its_stream()
    {
        var id = await Created("notes/a.md", "hello");

        var state = await _journal.Mediator.Send(new GetWorkspaceDocumentRequest(id));

        Assert.Equal((true, id, "notes/a.md", 1L, false), (state.Exists, state.DocumentId, state.Path, state.Version, state.Deleted));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("hello"))), state.ContentSha256);
    }

    [Fact]
    public async Task GetWorkspaceDocument_refuses_an_unknown_document()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Mediator.Send(new GetWorkspaceDocumentRequest(Guid.NewGuid())));

        Assert.Equal("workspace.not_found", error.Code);
    }

    private async Task<Guid> Created(string path, string content = "v1")
    {
        var id = Guid.NewGuid();
        await _journal.Send(new CreateWorkspaceDocumentRequest(id, path, content));
        return id;
    }

    private async Task WaitUntilQueued(int count)
    {
        // Both creates load and decide before the writer is released, so both claim the free path and queue.
        while (_journal.Store.QueuedWrites < count)
        {
            await Task.Yield();
        }
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
