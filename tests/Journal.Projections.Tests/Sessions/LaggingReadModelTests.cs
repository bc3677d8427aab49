using Journal.Domain.Runs;
using Journal.Domain.Runs.UseCases;
using Journal.Domain.Sessions;
using Journal.Domain.Sessions.UseCases;
using Journal.Projections.Runs;
using Journal.Projections.Sessions;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.Sessions;

/// <summary>
/// A view's stream version and position are the ones its read-model row holds, not the tape's: the
/// journal here is never started, so the projections move only when the test catches them up, and a
/// query in between sees the read model lag the tape.
/// </summary>
public sealed class LaggingReadModelTests : IAsyncLifetime
{
    private readonly JournalFixture _journal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task GetSessionById_answers_the_version_and_position_of_the_row_when_the_read_model_lags_the_tape()
    {
        var id = Guid.NewGuid();
        var created = await _journal.Send(new CreateSessionRequest(id, "alice", "laptop", "cli"));
        await _journal.Daemon.CatchUpAsync(default);
        var renamed = await _journal.Send(new RenameSessionRequest(id, "later"));

        var lagging = await _journal.Query(new GetSessionByIdQuery(id));
        var onTape = await _journal.Store.ReadStreamVersionAsync(SessionDecider.StreamFor(id), default);
        await _journal.Daemon.CatchUpAsync(default);
        var caughtUp = await _journal.Query(new GetSessionByIdQuery(id, renamed.Position));

        Assert.Equal(2, onTape);
        Assert.Equal((1L, created.Position, (string?)null), (lagging.StreamVersion, lagging.LastPosition, lagging.Label));
        Assert.Equal((2L, renamed.Position, (string?)"later"), (caughtUp.StreamVersion, caughtUp.LastPosition, caughtUp.Label));
    }

    [Fact]
    public async Task GetRun_answers_the_version_and_position_of_the_row_when_the_read_model_lags_the_tape()
    {
        var session = Guid.NewGuid();
        var run = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(session, "alice", "laptop", "cli"));
        var accepted = await _journal.Send(new AcceptRunRequest(run, session, RunKind.Background));
        await _journal.Daemon.CatchUpAsync(default);
        var started = await _journal.Send(new StartRunRequest(run));

        var lagging = await _journal.Query(new GetRunQuery(run));
        await _journal.Daemon.CatchUpAsync(default);
        var caughtUp = await _journal.Query(new GetRunQuery(run, started.Position));

        Assert.Equal((1L, accepted.Position, RunStatus.Accepted), (lagging.StreamVersion, lagging.LastPosition, lagging.Status));
        Assert.Equal((2L, started.Position, RunStatus.InProgress), (caughtUp.StreamVersion, caughtUp.LastPosition, caughtUp.Status));
    }
}
