using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Sessions;
using Journal.Domain.Sessions.UseCases;
using MediatR;

namespace Journal.Domain.Runs.UseCases;

/// <summary>
/// Accepts a run in a live session. A foreground run is attached to its session in the same append,
/// so of two foreground runs accepted at once at most one wins: the other, decided again on the
/// winner's attach, gets <c>run.already_active</c>.
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
    public Task<CommandResult> Handle(AcceptRunRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var runId = request.RunId ?? Guid.CreateVersion7(now);
        var accept = new AcceptRun(runId, request.SessionId, request.Kind, request.ParentRunId, now);
        return aggregates.ExecuteAsync(request, RunDecider.Value.Stream(accept), async (load, ct) =>
        {
            var accepted = await load.DecideAsync(RunDecider.Value, accept, ct);
            await LiveSession.RequireAsync(load, request.SessionId, ct);
            if (request.ParentRunId is { } parentId && !(await load.LoadAsync(RunDecider.Value, RunDecider.StreamFor(parentId), ct)).State.Exists)
            {
                throw Refuse.NotFound("run", parentId);
            }

            var attached = request.Kind == RunKind.Foreground
                ? await load.DecideAsync(SessionDecider.Value, new AttachForegroundRun(request.SessionId, runId, now), ct)
                : null;
            return DeciderLoading.Changes(accepted, attached);
        }, cancellationToken);
    }
}
