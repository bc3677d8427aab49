using Journal.Domain.Commands;
using Journal.Domain.Deciding;

namespace Journal.Domain.Workspace.UseCases;

/// <summary>
/// Decides a document command together with the path claims its events call for, so that the document
/// and its paths change in one append: a creation or a restore claims the document's path, a move
/// releases the old path and claims the new one, a deletion releases the path.
/// </summary>
internal static class WorkspacePathChange
{
    /// <summary>
    /// The document's change followed by its path changes; none when the document does not change. Pure
    /// loads and decisions, so the store may run it again after a lost race.
    /// </summary>
    public static async Task<IReadOnlyList<AggregateChange>> DecideAsync(IAggregateLoader load, WorkspaceDocumentCommand command, CancellationToken ct)
    {
        if (await load.DecideAsync(WorkspaceDocumentDecider.Value, command, ct) is not { } document)
        {
            return [];
        }

        var changes = new List<AggregateChange> { document };
        foreach (var path in document.Events.SelectMany(e => PathCommands(e, command.At)))
        {
            if (await load.DecideAsync(WorkspacePathDecider.Value, path, ct) is { } change)
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    private static WorkspacePathCommand[] PathCommands(object @event, DateTimeOffset at) => @event switch
    {
        WorkspaceDocumentCreated e => [new ClaimWorkspacePath(e.Path, e.DocumentId, at)],
        WorkspaceDocumentMoved e => [new ReleaseWorkspacePath(e.FromPath, e.DocumentId, at), new ClaimWorkspacePath(e.ToPath, e.DocumentId, at)],
        WorkspaceDocumentDeleted e => [new ReleaseWorkspacePath(e.Path, e.DocumentId, at)],
        WorkspaceDocumentRestored e => [new ClaimWorkspacePath(e.Path, e.DocumentId, at)],
        _ => [],
    };
}
