using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Sessions;
using Journal.Domain.Sessions.UseCases;

namespace Journal.Domain.Tests.UseCases;

public sealed class SessionUseCaseTests : IAsyncLifetime
{
    private readonly JournalHarness _journal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task CreateSession_appends_the_session_and_its_key_claim_and_returns_the_position()
    {
        var id = Guid.NewGuid();

        var result = await _journal.Send(new CreateSessionRequest(id, "alice", "laptop", "cli", "main-chat", "Main") { Context = new CommandContext(Actor: "agent-1", CorrelationId: "corr-7") });

        Assert.Equal(2, result.Position);
        Assert.Equal(2, result.EventsWritten);
        Assert.Equal(SessionDecider.StreamFor(id).Value, result.Stream);
        var created = Assert.IsType<SessionCreated>(Assert.Single(await _journal.EventsAsync(SessionDecider.StreamFor(id))));
        Assert.Equal("main-chat", created.SessionKey);
        var claim = Assert.IsType<SessionKeyClaimed>(Assert.Single(await _journal.EventsAsync(SessionKeyDecider.StreamFor("main-chat"))));
        Assert.Equal(id, claim.SessionId);
        var recorded = (await _journal.RecordedAsync(SessionDecider.StreamFor(id)))[0];
        Assert.Equal("agent-1", recorded.Metadata.Actor);
        Assert.Equal("corr-7", recorded.Metadata.CorrelationId);
    }

    [Fact]
    public async Task CreateSession_refuses_a_key_held_by_another_session_and_writes_nothing()
    {
        await _journal.Send(new CreateSessionRequest(Guid.NewGuid(), "alice", "laptop", "cli", "shared"));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new CreateSessionRequest(Guid.NewGuid(), "bob", "phone", "sms", "shared")));

        Assert.Equal("sessionkey.taken", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task CreateSession_refuses_a_missing_principal_naming_the_field_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new CreateSessionRequest(Guid.NewGuid(), " ", "laptop", "cli")));

        Assert.Equal("Principal", error.Field);
        Assert.Equal(0, await _journal.HeadAsync());
    }

    [Fact]
    public async Task Command_with_the_same_idempotency_key_returns_the_first_result_and_writes_once()
    {
        var context = new CommandContext(IdempotencyKey: "retry-1");
        var first = await _journal.Send(new CreateSessionRequest(null, "alice", "laptop", "cli") { Context = context });

        var again = await _journal.Send(new CreateSessionRequest(null, "alice", "laptop", "cli") { Context = context });

        Assert.True(again.Replayed);
        Assert.Equal(first.Position, again.Position);
        Assert.Equal(first.Stream, again.Stream);
        Assert.Equal(1, await _journal.HeadAsync());
    }

    [Fact]
    public async Task Command_with_a_reused_idempotency_key_but_other_content_is_a_conflict()
    {
        var context = new CommandContext(IdempotencyKey: "retry-2");
        await _journal.Send(new CreateSessionRequest(null, "alice", "laptop", "cli") { Context = context });

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new CreateSessionRequest(null, "mallory", "laptop", "cli") { Context = context }));

        Assert.Equal("idempotency.key_conflict", error.Code);
        Assert.Equal(1, await _journal.HeadAsync());
    }

    [Fact]
    public async Task RenameSession_returns_the_current_position_and_writes_nothing_when_the_label_is_unchanged()
    {
        var id = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(id, "alice", "laptop", "cli", Label: "A"));
        var renamed = await _journal.Send(new RenameSessionRequest(id, "B"));

        var same = await _journal.Send(new RenameSessionRequest(id, "B"));

        Assert.Equal(1, renamed.EventsWritten);
        Assert.Equal(0, same.EventsWritten);
        Assert.Equal(renamed.Position, same.Position);
        Assert.Equal(2, same.StreamVersion);
    }

    [Fact]
    public async Task Two_commands_racing_on_one_stream_both_succeed_one_after_the_other()
    {
        var id = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(id, "alice", "laptop", "cli"));
        Task<CommandResult> first;
        Task<CommandResult> second;
        using (await _journal.Store.HoldWriterAsync(default))
        {
            first = _journal.Send(new RenameSessionRequest(id, "from-first"));
            second = _journal.Send(new RenameSessionRequest(id, "from-second"));
            await WaitUntilQueued(1);
        }

        var results = await Task.WhenAll(first, second);

        // Neither set a precondition, so neither may fail for the race: the second decides on what the first wrote.
        Assert.Equal([2L, 3L], results.Select(r => r.StreamVersion).Order());
        Assert.Equal(3, (await _journal.EventsAsync(SessionDecider.StreamFor(id))).Count);
    }

    private async Task WaitUntilQueued(int count)
    {
        // Both commands load and decide concurrently before the writer is released; their appends queue.
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
