using Journal.Domain.Deciding;

namespace Journal.Domain.Workspace;

/// <summary>
/// Decides claims of a workspace path. Stream: <see cref="WorkspacePath.ClaimStreamFor"/>,
/// <c>workspacepath-{sha256 hex of the normalized path}</c>. "One active document per path" spans
/// documents, so each path is its own tiny aggregate that handlers append to atomically with the
/// document's stream.
/// </summary>
public static class WorkspacePathDecider
{
    /// <summary>The state before the first event: nobody holds the path.</summary>
    public static WorkspacePathState Initial { get; } = new(null, null);

    /// <summary>This decider as a value, for the store's one call per command.</summary>
    public static Decider<WorkspacePathCommand, WorkspacePathState, IWorkspacePathEvent> Value { get; } = new(c => WorkspacePath.ClaimStreamFor(c.Path), Initial, Decide, Evolve);

    /// <summary>Decides <paramref name="command"/> against <paramref name="state"/>.</summary>
    /// <exception cref="Errors.ValidationException">The path or document id is invalid.</exception>
    /// <exception cref="Errors.RuleViolationException"><c>workspace.path_taken</c>, <c>workspacepath.not_held</c>.</exception>
    public static IReadOnlyList<IWorkspacePathEvent> Decide(WorkspacePathCommand command, WorkspacePathState state)
    {
        var path = WorkspacePath.Normalize(command.Path, nameof(command.Path));
        Require.Id(command.DocumentId, nameof(command.DocumentId));
        return command switch
        {
            ClaimWorkspacePath c when state.HeldBy == c.DocumentId => [],
            ClaimWorkspacePath when state.HeldBy is { } holder =>
                throw Refuse.Rule("workspace.path_taken", $"workspace path '{path}' is held by document {holder}"),
            ClaimWorkspacePath c => [new WorkspacePathClaimed(path, c.DocumentId, c.At)],
            ReleaseWorkspacePath c when state.HeldBy != c.DocumentId =>
                throw Refuse.Rule("workspacepath.not_held", $"workspace path '{path}' is not held by document {c.DocumentId}"),
            ReleaseWorkspacePath c => [new WorkspacePathReleased(path, c.DocumentId, c.At)],
            _ => throw new ArgumentException($"unknown workspace path command {command.GetType().Name}", nameof(command)),
        };
    }

    /// <summary>Applies one event.</summary>
    public static WorkspacePathState Evolve(WorkspacePathState state, IWorkspacePathEvent @event) => @event switch
    {
        WorkspacePathClaimed e => new WorkspacePathState(e.Path, e.DocumentId),
        WorkspacePathReleased e => new WorkspacePathState(e.Path, null),
        _ => state,
    };
}
