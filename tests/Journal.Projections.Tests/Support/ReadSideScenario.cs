using Journal.Domain.Commands;
using Journal.Domain.Runs;
using Journal.Domain.Runs.UseCases;
using Journal.Domain.Sessions.UseCases;
using Journal.Domain.Transcript;
using Journal.Domain.Transcript.UseCases;
using Journal.Projections.Runtime;
using MediatR;

namespace Journal.Projections.Tests.Support;

/// <summary>A clock that moves only when a test steps it, so every event time is known exactly.</summary>
public sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Step(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>
/// The journal on a stepped clock: every command first moves the clock one second, so the n-th
/// command happens at <see cref="Start"/> + n seconds. Queries go through MediatR as an embedding host sends them.
/// </summary>
public sealed class ReadSideScenario : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);

    public ReadSideScenario(ProjectionOptions? projections = null)
    {
        Clock = new SteppedClock(Start);
        Journal = new JournalFixture(Clock, projections);
    }

    public SteppedClock Clock { get; }

    public JournalFixture Journal { get; }

    /// <summary>The position of the last command sent (for read-your-writes).</summary>
    public long Position { get; private set; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public Task StartAsync() => Journal.StartAsync();

    /// <summary>Moves the clock one second, then sends the command.</summary>
    public async Task<CommandResult> Send(ICommand command)
    {
        Clock.Step(TimeSpan.FromSeconds(1));
        return await SendNow(command);
    }

    /// <summary>Sends the command without moving the clock (ties in time).</summary>
    public async Task<CommandResult> SendNow(ICommand command)
    {
        var result = await Journal.Send(command);
        Position = Math.Max(Position, result.Position);
        return result;
    }

    public Task<T> Query<T>(IRequest<T> query) => Journal.Query(query);

    public async Task<Guid> CreateSession(string principal = "alice", string device = "laptop", string channel = "cli", string? key = null, string? label = null)
    {
        var id = Guid.NewGuid();
        await Send(new CreateSessionRequest(id, principal, device, channel, key, label));
        return id;
    }

    public async Task<Guid> AcceptRun(Guid sessionId, RunKind kind = RunKind.Foreground)
    {
        var id = Guid.NewGuid();
        await Send(new AcceptRunRequest(id, sessionId, kind));
        return id;
    }

    public async Task<Guid> FinishedRun(Guid sessionId)
    {
        var run = await AcceptRun(sessionId);
        await Send(new StartRunRequest(run));
        await Send(new CompleteRunRequest(run, "done"));
        return run;
    }

    public Task<CommandResult> Say(Guid sessionId, string text, TranscriptEntryKind kind = TranscriptEntryKind.UserMessage, Guid? runId = null, string? tool = null) =>
        Send(new AppendTranscriptEntryRequest(sessionId, Guid.NewGuid(), kind, text, runId, tool));

    public ValueTask DisposeAsync() => Journal.DisposeAsync();
}
