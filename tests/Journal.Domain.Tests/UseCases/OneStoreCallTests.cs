using Journal.Domain.Approvals;
using Journal.Domain.Approvals.UseCases;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Retention;
using Journal.Domain.Retention.UseCases;
using Journal.Domain.Runs;
using Journal.Domain.Runs.UseCases;
using Journal.Domain.Sessions;
using Journal.Domain.Sessions.UseCases;
using Journal.Domain.Tape;
using Journal.Domain.ToolJobs;
using Journal.Domain.ToolJobs.UseCases;
using Journal.Domain.Transcript;
using Journal.Domain.Transcript.UseCases;

namespace Journal.Domain.Tests.UseCases;

/// <summary>
/// Every command of runs, tool jobs, sessions, transcripts, approvals and legal holds goes through the
/// store's one call, so each one honours what that call guarantees: the caller's If-Match and the
/// idempotency key checked once before anything is decided.
/// </summary>
public sealed class OneStoreCallTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly SteppingClock _clock = new(Start);
    private readonly JournalHarness _journal;
    private readonly Guid _session = Guid.NewGuid();

    public OneStoreCallTests() => _journal = new JournalHarness(_clock);

    /// <summary>A command ready to send with any context, and the stream it decides on.</summary>
    private sealed record Case(StreamId Stream, Func<CommandContext, ICommand> Build);

    private static readonly Dictionary<string, Func<OneStoreCallTests, Task<Case>>> Cases = new(StringComparer.Ordinal)
    {
        ["CreateSession"] = t => t.NewSession(),
        ["RenameSession"] = t => Task.FromResult(new Case(SessionDecider.StreamFor(t._session), c => new RenameSessionRequest(t._session, "renamed") { Context = c })),
        ["ArchiveSession"] = t => Task.FromResult(new Case(SessionDecider.StreamFor(t._session), c => new ArchiveSessionRequest(t._session, "done") { Context = c })),
        ["AppendTranscriptEntry"] = t => t.NewEntry(),
        ["AcceptRun"] = t => t.NewRun(),
        ["StartRun"] = t => t.Run(RunKind.Foreground, start: false, (id, c) => new StartRunRequest(id) { Context = c }),
        ["CompleteRun"] = t => t.Run(RunKind.Foreground, start: true, (id, c) => new CompleteRunRequest(id, "ok") { Context = c }),
        ["FailRun"] = t => t.Run(RunKind.Foreground, start: true, (id, c) => new FailRunRequest(id, "boom") { Context = c }),
        ["CancelRun"] = t => t.Run(RunKind.Foreground, start: false, (id, c) => new CancelRunRequest(id, "stop") { Context = c }),
        ["RequestRunCancel"] = t => t.Run(RunKind.Background, start: true, (id, c) => new RequestRunCancelRequest(id, "alice") { Context = c }),
        ["RecordRunTokenUsage"] = t => t.Run(RunKind.Background, start: true, (id, c) => new RecordRunTokenUsageRequest(id, 10, 5) { Context = c }),
        ["QueueToolJob"] = t => t.NewJob(),
        ["StartToolJob"] = t => t.Job(start: false, fail: false, (id, c) => new StartToolJobRequest(id) { Context = c }),
        ["AppendToolJobOutput"] = t => t.Job(start: true, fail: false, (id, c) => new AppendToolJobOutputRequest(id, ToolOutputStream.Stdout, "line 1") { Context = c }),
        ["CompleteToolJob"] = t => t.Job(start: true, fail: false, (id, c) => new CompleteToolJobRequest(id, 0) { Context = c }),
        ["FailToolJob"] = t => t.Job(start: true, fail: false, (id, c) => new FailToolJobRequest(id, "crashed", 1) { Context = c }),
        ["TimeOutToolJob"] = t => t.Job(start: true, fail: false, (id, c) => new TimeOutToolJobRequest(id) { Context = c }),
        ["CancelToolJob"] = t => t.Job(start: false, fail: false, (id, c) => new CancelToolJobRequest(id, "not needed") { Context = c }),
        ["RetryToolJob"] = t => t.Job(start: true, fail: true, (id, c) => new RetryToolJobRequest(id, "retry-a") { Context = c }),
        ["RequestApproval"] = t => t.NewApproval(),
        ["DecideApproval"] = t => t.Approval(expire: false, (id, c) => new DecideApprovalRequest(id, ApprovalDecision.Allow, "bob", "fine") { Context = c }),
        ["ExpireApproval"] = t => t.Approval(expire: true, (id, c) => new ExpireApprovalRequest(id) { Context = c }),
        ["PlaceLegalHold"] = t => Task.FromResult(t.Hold(c => new PlaceLegalHoldRequest(t.Held, "case 42", "legal") { Context = c })),
        ["ReleaseLegalHold"] = t => t.PlacedHold(),
    };

    public static TheoryData<string> Commands => [.. Cases.Keys];

    private string Held => SessionDecider.StreamFor(_session).Value;

    public async Task InitializeAsync() => await _journal.Send(new CreateSessionRequest(_session, "alice", "laptop", "cli", "desk"));

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_refuses_a_stale_precondition_and_writes_nothing(string command)
    {
        var @case = await Cases[command](this);
        var head = await _journal.HeadAsync();
        var stale = new CommandContext(Precondition: new Precondition(@case.Stream, ExpectedVersion.Exact(99)));

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _journal.Send(@case.Build(stale)));

        Assert.Equal(@case.Stream.Value, error.Stream);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_sent_again_with_its_idempotency_key_returns_the_first_result_and_writes_once(string command)
    {
        var @case = await Cases[command](this);
        var keyed = new CommandContext(IdempotencyKey: "once-" + command);
        var first = await _journal.Send(@case.Build(keyed));
        var head = await _journal.HeadAsync();

        var again = await _journal.Send(@case.Build(keyed));

        Assert.True(first.EventsWritten > 0);
        Assert.True(again.Replayed);
        Assert.Equal((first.Stream, first.Position), (again.Stream, again.Position));
        Assert.Equal(head, await _journal.HeadAsync());
    }

    private Task<Case> NewSession()
    {
        var id = Guid.NewGuid();
        return Task.FromResult(new Case(SessionDecider.StreamFor(id), c => new CreateSessionRequest(id, "bob", "phone", "chat", "bob-key") { Context = c }));
    }

    private Task<Case> NewEntry()
    {
        var id = Guid.NewGuid();
        return Task.FromResult(new Case(TranscriptDecider.StreamFor(_session), c => new AppendTranscriptEntryRequest(_session, id, TranscriptEntryKind.UserMessage, "hello") { Context = c }));
    }

    private Task<Case> NewRun()
    {
        var id = Guid.NewGuid();
        return Task.FromResult(new Case(RunDecider.StreamFor(id), c => new AcceptRunRequest(id, _session, RunKind.Foreground) { Context = c }));
    }

    private async Task<Case> Run(RunKind kind, bool start, Func<Guid, CommandContext, ICommand> build)
    {
        var id = Guid.NewGuid();
        await _journal.Send(new AcceptRunRequest(id, _session, kind));
        if (start)
        {
            await _journal.Send(new StartRunRequest(id));
        }

        return new Case(RunDecider.StreamFor(id), c => build(id, c));
    }

    private Task<Case> NewJob()
    {
        var id = Guid.NewGuid();
        return Task.FromResult(new Case(ToolJobDecider.StreamFor(id), c => new QueueToolJobRequest(id, _session, "shell.exec") { Context = c }));
    }

    private async Task<Case> Job(bool start, bool fail, Func<Guid, CommandContext, ICommand> build)
    {
        var id = Guid.NewGuid();
        await _journal.Send(new QueueToolJobRequest(id, _session, "shell.exec"));
        if (start)
        {
            await _journal.Send(new StartToolJobRequest(id));
        }

        if (fail)
        {
            await _journal.Send(new FailToolJobRequest(id, "crashed"));
        }

        return new Case(ToolJobDecider.StreamFor(id), c => build(id, c));
    }

    private Task<Case> NewApproval()
    {
        var id = Guid.NewGuid();
        return Task.FromResult(new Case(ApprovalDecider.StreamFor(id), c => new RequestApprovalRequest(id, _session, "tool.shell", "ls", "List?", ApprovalScope.Once, Start.AddMinutes(5)) { Context = c }));
    }

    private async Task<Case> Approval(bool expire, Func<Guid, CommandContext, ICommand> build)
    {
        var id = Guid.NewGuid();
        await _journal.Send(new RequestApprovalRequest(id, _session, "tool.shell", "ls", "List?", ApprovalScope.Once, Start.AddMinutes(5)));
        if (expire)
        {
            _clock.Step(TimeSpan.FromMinutes(10));
        }

        return new Case(ApprovalDecider.StreamFor(id), c => build(id, c));
    }

    private Case Hold(Func<CommandContext, ICommand> build) => new(LegalHoldDecider.StreamFor(StreamId.Parse(Held)), build);

    private async Task<Case> PlacedHold()
    {
        await _journal.Send(new PlaceLegalHoldRequest(Held, "case 42", "legal"));
        return Hold(c => new ReleaseLegalHoldRequest(Held, "legal") { Context = c });
    }
}
