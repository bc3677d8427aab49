using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Runs;
using Journal.Domain.Runs.UseCases;
using Journal.Domain.Sessions;
using Journal.Domain.Sessions.UseCases;
using Journal.Domain.Transcript;
using Journal.Domain.Transcript.UseCases;

namespace Journal.Domain.Tests.UseCases;

public sealed class SessionArchiveUseCaseTests : IAsyncLifetime
{
    private readonly JournalHarness _journal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task ArchiveSession_archives_releases_the_key_and_closes_the_transcript_in_one_append()
    {
        var id = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(id, "alice", "laptop", "cli", "main-chat"));

        var result = await _journal.Send(new ArchiveSessionRequest(id, "done") { Context = new CommandContext(Actor: "user-1", CorrelationId: "corr-archive") });

        Assert.Equal(3, result.EventsWritten);
        Assert.Equal(5, result.Position);
        Assert.Equal(await _journal.HeadAsync(), result.Position);
        Assert.Equal(SessionDecider.StreamFor(id).Value, result.Stream);
        var archived = Assert.IsType<SessionArchived>((await _journal.EventsAsync(SessionDecider.StreamFor(id)))[^1]);
        Assert.Equal("main-chat", archived.SessionKey);
        Assert.Equal("done", archived.Reason);
        var released = Assert.IsType<SessionKeyReleased>((await _journal.EventsAsync(SessionKeyDecider.StreamFor("main-chat")))[^1]);
        Assert.Equal(id, released.SessionId);
        Assert.IsType<TranscriptClosed>(Assert.Single(await _journal.EventsAsync(TranscriptDecider.StreamFor(id))));
        var recorded = (await _journal.RecordedAsync(TranscriptDecider.StreamFor(id)))[0];
        Assert.Equal("user-1", recorded.Metadata.Actor);
        Assert.Equal("corr-archive", recorded.Metadata.CorrelationId);
    }

    [Fact]
    public async Task ArchiveSession_without_a_key_archives_and_closes_the_transcript_after_its_entries()
    {
        var id = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(id, "alice", "laptop", "cli"));
        await _journal.Send(new AppendTranscriptEntryRequest(id, null, TranscriptEntryKind.UserMessage, "hello"));

        var result = await _journal.Send(new ArchiveSessionRequest(id));

        Assert.Equal(2, result.EventsWritten);
        Assert.Equal(4, result.Position);
        var transcript = await _journal.EventsAsync(TranscriptDecider.StreamFor(id));
        Assert.IsType<TranscriptEntryAppended>(transcript[0]);
        Assert.IsType<TranscriptClosed>(transcript[1]);
    }

    [Fact]
    public async Task ArchiveSession_that_loses_a_race_to_a_transcript_entry_is_decided_again_and_closes_the_transcript_after_it()
    {
        var id = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(id, "alice", "laptop", "cli"));
        Task<CommandResult> entry;
        Task<CommandResult> archive;
        using (await _journal.Store.HoldWriterAsync(default))
        {
            // The entry's append queues first, so the archive's close was decided on a transcript version that is gone.
            entry = _journal.Send(new AppendTranscriptEntryRequest(id, null, TranscriptEntryKind.UserMessage, "last words"));
            await _journal.WaitUntilQueuedAsync(1);
            archive = _journal.Send(new ArchiveSessionRequest(id));
            await _journal.WaitUntilQueuedAsync(2);
        }

        await entry;
        var archived = await archive;

        Assert.Equal(2, archived.EventsWritten);
        var transcript = await _journal.EventsAsync(TranscriptDecider.StreamFor(id));
        Assert.Equal("last words", Assert.IsType<TranscriptEntryAppended>(transcript[0]).Text);
        Assert.IsType<TranscriptClosed>(transcript[1]);
        Assert.IsType<SessionArchived>((await _journal.EventsAsync(SessionDecider.StreamFor(id)))[^1]);
    }

    [Fact]
    public async Task ArchiveSession_frees_the_key_so_a_new_session_can_claim_it()
    {
        var first = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(first, "alice", "laptop", "cli", "desk"));
        await _journal.Send(new ArchiveSessionRequest(first));
        var second = Guid.NewGuid();

        var created = await _journal.Send(new CreateSessionRequest(second, "alice", "laptop", "cli", "desk"));

        Assert.Equal(2, created.EventsWritten);
        var holder = await _journal.Mediator.Send(new ResolveSessionByKeyRequest("desk"));
        Assert.Equal(second, holder.SessionId);
    }

    [Fact]
    public async Task ArchiveSession_refuses_an_archived_session_and_writes_nothing()
    {
        var id = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(id, "alice", "laptop", "cli", "k1"));
        await _journal.Send(new ArchiveSessionRequest(id));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new ArchiveSessionRequest(id)));

        Assert.Equal("session.archived", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task ArchiveSession_refuses_an_unknown_session_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Send(new ArchiveSessionRequest(Guid.NewGuid())));

        Assert.Equal("session.not_found", error.Code);
        Assert.Equal(0, await _journal.HeadAsync());
    }

    [Fact]
    public async Task ArchiveSession_refuses_while_a_foreground_run_is_active_and_writes_nothing()
    {
        var id = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(id, "alice", "laptop", "cli", "k2"));
        await _journal.Send(new AcceptRunRequest(Guid.NewGuid(), id, RunKind.Foreground));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new ArchiveSessionRequest(id)));

        Assert.Equal("session.foreground_run_active", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task ArchiveSession_refuses_an_overlong_reason_naming_the_field_and_writes_nothing()
    {
        var id = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(id, "alice", "laptop", "cli"));

        var error = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new ArchiveSessionRequest(id, new string('x', SessionLimits.ReasonMaxLength + 1))));

        Assert.Equal("Reason", error.Field);
        Assert.Equal(1, await _journal.HeadAsync());
    }

    [Fact]
    public async Task GetSession_returns_the_state_as_of_the_last_event()
    {
        var id = Guid.NewGuid();
        var run = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(id, "alice", "laptop", "cli", "k3", "First"));
        await _journal.Send(new RenameSessionRequest(id, "Second"));
        await _journal.Send(new AcceptRunRequest(run, id, RunKind.Foreground));

        var state = await _journal.Mediator.Send(new GetSessionRequest(id));

        Assert.True(state.Exists);
        Assert.Equal("alice", state.Principal);
        Assert.Equal("k3", state.SessionKey);
        Assert.Equal("Second", state.Label);
        Assert.Equal(run, state.ForegroundRunId);
        Assert.False(state.Archived);
    }

    [Fact]
    public async Task GetSession_throws_not_found_for_an_unknown_session()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Mediator.Send(new GetSessionRequest(Guid.NewGuid())));

        Assert.Equal("session.not_found", error.Code);
    }

    [Fact]
    public async Task ResolveSessionByKey_returns_the_session_holding_the_key()
    {
        var id = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(id, "alice", "laptop", "cli", "agent:main@home", "Home"));

        var state = await _journal.Mediator.Send(new ResolveSessionByKeyRequest("agent:main@home"));

        Assert.Equal(id, state.SessionId);
        Assert.Equal("Home", state.Label);
    }

    [Fact]
    public async Task ResolveSessionByKey_throws_not_found_for_an_unknown_key_and_after_the_holder_is_archived()
    {
        var id = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(id, "alice", "laptop", "cli", "gone"));
        await _journal.Send(new ArchiveSessionRequest(id));

        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Mediator.Send(new ResolveSessionByKeyRequest("never-claimed")));
        var released = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Mediator.Send(new ResolveSessionByKeyRequest("gone")));

        Assert.Equal("session.not_found", unknown.Code);
        Assert.Equal("session.not_found", released.Code);
    }

    [Fact]
    public async Task ResolveSessionByKey_refuses_a_key_with_characters_a_key_cannot_hold()
    {
        await Assert.ThrowsAsync<ValidationException>(() => _journal.Mediator.Send(new ResolveSessionByKeyRequest("../etc")));
    }
}
