using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Sessions;
using Journal.Domain.Sessions.UseCases;
using MediatR;

namespace Journal.Domain.Runs.UseCases;

/// <summary>
/// Accepts a run in a live session. A foreground run is attached to its session in the same append,
/// so of two foreground runs accepted at once at most one wins (the other gets
/// <c>run.already_active</c>, or a version conflict when both decided at the same time).
/// </summary>
/// <param name="RunId">The new run's id (a new one when null).</param>
/// <param name="SessionId">Its session; it must exist and not be archived.</param>
/// <param name="Kind">Foreground, background or delegated.</param>
/// <param name="ParentRunId">For a delegated run, the run that delegated it (it must exist).</param>
public sealed record AcceptRunRequest(Guid? RunId, Guid SessionId, RunKind Kind, Guid? ParentRunId = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="AcceptRunRequest"/>.</summary>
public sealed class AcceptRunHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<AcceptRunRequest, CommandResult>
{
    /// <inheritdoc />
    public async Task<CommandResult> Handle(AcceptRunRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var runId = request.RunId ?? Guid.CreateVersion7(now);
        var stream = RunDecider.StreamFor(runId);
        var run = await aggregates.LoadAsync<RunState, IRunEvent>(stream, RunDecider.Initial, RunDecider.Evolve, cancellationToken);
        var accepted = RunDecider.Decide(new AcceptRun(runId, request.SessionId, request.Kind, request.ParentRunId, now), run.State);
        var session = await LiveSession.RequireAsync(aggregates, request.SessionId, cancellationToken);
        if (request.ParentRunId is { } parentId)
        {
            var parent = await aggregates.LoadAsync<RunState, IRunEvent>(RunDecider.StreamFor(parentId), RunDecider.Initial, RunDecider.Evolve, cancellationToken);
            if (!parent.State.Exists)
            {
                throw Refuse.NotFound("run", parentId);
            }
        }

        var changes = new List<AggregateChange> { new(stream, run.Version, [.. accepted], Fold.All(run.State, accepted, RunDecider.Evolve)) };
        if (request.Kind == RunKind.Foreground)
        {
            var attached = SessionDecider.Decide(new AttachForegroundRun(request.SessionId, runId, now), session.State);
            changes.Add(new AggregateChange(SessionDecider.StreamFor(request.SessionId), session.Version, [.. attached], Fold.All(session.State, attached, SessionDecider.Evolve)));
        }

        return await aggregates.SaveAsync(changes, request, cancellationToken);
    }
}
