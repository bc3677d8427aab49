using Journal.Domain.Commands;
using Journal.Domain.Deciding;

namespace Journal.Domain.Workspace.UseCases;

/// <summary>The path-claim half of the workspace use cases, which append it with the document's events.</summary>
internal static class WorkspacePathChange
{
    /// <summary>Loads the claim of <paramref name="command"/>'s path and decides on it; null when nothing changes.</summary>
    public static async Task<AggregateChange?> DecidePathAsync(this IAggregateStore aggregates, WorkspacePathCommand command, CancellationToken ct)
    {
        var stream = WorkspacePath.ClaimStreamFor(command.Path);
        var claim = await aggregates.LoadAsync<WorkspacePathState, IWorkspacePathEvent>(stream, WorkspacePathDecider.Initial, WorkspacePathDecider.Evolve, ct);
        var events = WorkspacePathDecider.Decide(command, claim.State);
        return events.Count == 0
            ? null
            : new AggregateChange(stream, claim.Version, [.. events], Fold.All(claim.State, events, WorkspacePathDecider.Evolve));
    }

    /// <summary>The document's change followed by the path changes, for one multi-stream append.</summary>
    public static List<AggregateChange> With(this AggregateChange document, params AggregateChange?[] paths)
    {
        var changes = new List<AggregateChange> { document };
        foreach (var path in paths)
        {
            if (path is not null)
            {
                changes.Add(path);
            }
        }

        return changes;
    }
}
