using System.Text;
using Journal.Domain.Workspace;
using Journal.Projections.Runtime;
using static Journal.Projections.Shared.ReadModelValues;

namespace Journal.Projections.Workspace;

/// <summary>
/// The one fold of a workspace document's read model, pure: the projection applies it to the stored
/// row, time travel to the document's stream read from the tape.
/// </summary>
public static class WorkspaceDocumentFold
{
    /// <summary>Applies one event's payload; null (no document yet) stays null until it is created.</summary>
    public static WorkspaceDocumentView? Evolve(WorkspaceDocumentView? view, object? @event) => @event switch
    {
        WorkspaceDocumentCreated e => new WorkspaceDocumentView(
            new WorkspaceDocumentRow(
                e.DocumentId, e.Path, WorkspaceDocumentStatus.Active, e.Version, e.ContentSha256, Size(e.Content), Truncate(e.At), Truncate(e.At), 0, 0),
            e.Content),
        _ when view is null => null,
        WorkspaceDocumentUpdated e => new WorkspaceDocumentView(
            view.Document with { Version = e.Version, ContentSha256 = e.ContentSha256, SizeBytes = Size(e.Content), UpdatedAt = Truncate(e.At) },
            e.Content),
        WorkspaceDocumentMoved e => view with { Document = view.Document with { Path = e.ToPath, UpdatedAt = Truncate(e.At) } },
        WorkspaceDocumentDeleted e => view with { Document = view.Document with { Status = WorkspaceDocumentStatus.Deleted, UpdatedAt = Truncate(e.At) } },
        WorkspaceDocumentRestored e => view with
        {
            Document = view.Document with { Status = WorkspaceDocumentStatus.Active, Path = e.Path, UpdatedAt = Truncate(e.At) },
        },
        _ => view,
    };

    /// <summary>Applies one tape event: <see cref="Evolve"/>, then the stream version and position it brings the row to.</summary>
    public static WorkspaceDocumentView? Apply(WorkspaceDocumentView? view, ProjectedEvent e) =>
        Evolve(view, e.Payload) is { } next
            ? next with { Document = next.Document with { StreamVersion = e.Event.StreamVersion, LastPosition = e.Seq } }
            : null;

    private static long Size(string content) => Encoding.UTF8.GetByteCount(content);
}
