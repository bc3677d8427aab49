using Journal.Domain.Deciding;
using Journal.Domain.Tape;
using Journal.Domain.Errors;

namespace Journal.Domain.Workspace;

/// <summary>
/// Decides the commands of one workspace document. Stream: <c>workspace-{documentId}</c>. "One
/// active document per path" is guarded by <see cref="WorkspacePathDecider"/>, appended with these
/// events in one multi-stream append.
/// </summary>
public static class WorkspaceDocumentDecider
{
    /// <summary>The stream of one aggregate: <c>workspace-{documentId}</c>.</summary>
    public static StreamId StreamFor(Guid documentId) =>
        StreamId.For("workspace", documentId.ToString("D", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The state before the first event.</summary>
    public static WorkspaceDocumentState Initial { get; } = new(false, Guid.Empty, string.Empty, string.Empty, 0, false);

    /// <summary>This decider as a value, for the store's one call per command.</summary>
    public static Decider<WorkspaceDocumentCommand, WorkspaceDocumentState, IWorkspaceDocumentEvent> Value { get; } = new(c => StreamFor(c.DocumentId), Initial, Decide, Evolve);

    /// <summary>Decides <paramref name="command"/> against <paramref name="state"/>.</summary>
    /// <returns>The events to append; empty when the command changes nothing.</returns>
    /// <exception cref="ValidationException">A field is invalid.</exception>
    /// <exception cref="NotFoundException">The document does not exist (code <c>workspace.not_found</c>).</exception>
    /// <exception cref="RuleViolationException">
    /// <c>workspace.document_exists</c>, <c>workspace.document_deleted</c>, <c>workspace.document_not_deleted</c>,
    /// <c>workspace.version_conflict</c>.
    /// </exception>
    public static IReadOnlyList<IWorkspaceDocumentEvent> Decide(WorkspaceDocumentCommand command, WorkspaceDocumentState state) => command switch
    {
        CreateWorkspaceDocument c => Create(c, state),
        UpdateWorkspaceDocument c => Update(c, Live(state, c.DocumentId)),
        MoveWorkspaceDocument c => Move(c, Live(state, c.DocumentId)),
        DeleteWorkspaceDocument c => [new WorkspaceDocumentDeleted(c.DocumentId, Live(state, c.DocumentId).Path, c.At)],
        RestoreWorkspaceDocument c => Restore(c, Existing(state, c.DocumentId)),
        _ => throw new ArgumentException($"unknown workspace command {command.GetType().Name}", nameof(command)),
    };

    /// <summary>Applies one event.</summary>
    public static WorkspaceDocumentState Evolve(WorkspaceDocumentState state, IWorkspaceDocumentEvent @event) => @event switch
    {
        WorkspaceDocumentCreated e => new WorkspaceDocumentState(true, e.DocumentId, e.Path, e.ContentSha256, e.Version, false),
        WorkspaceDocumentUpdated e => state with { ContentSha256 = e.ContentSha256, Version = e.Version },
        WorkspaceDocumentMoved e => state with { Path = e.ToPath },
        WorkspaceDocumentDeleted => state with { Deleted = true },
        WorkspaceDocumentRestored => state with { Deleted = false },
        _ => state,
    };

    private static WorkspaceDocumentCreated[] Create(CreateWorkspaceDocument c, WorkspaceDocumentState state)
    {
        Require.Id(c.DocumentId, nameof(c.DocumentId));
        var path = WorkspacePath.Normalize(c.Path, nameof(c.Path));
        var content = Content(c.Content, nameof(c.Content));
        if (state.Exists)
        {
            throw Refuse.Rule("workspace.document_exists", $"workspace document {c.DocumentId} exists already");
        }

        return [new WorkspaceDocumentCreated(c.DocumentId, path, content, Sha256Hex.Of(content), 1, c.At)];
    }

    private static WorkspaceDocumentUpdated[] Update(UpdateWorkspaceDocument c, WorkspaceDocumentState state)
    {
        var content = Content(c.Content, nameof(c.Content));
        if (c.ExpectedVersion is { } expected && expected != state.Version)
        {
            throw Refuse.Rule("workspace.version_conflict", $"workspace document {state.DocumentId} is at version {state.Version}, not {expected}");
        }

        var hash = Sha256Hex.Of(content);
        return hash == state.ContentSha256 ? [] : [new WorkspaceDocumentUpdated(state.DocumentId, content, hash, state.Version + 1, c.At)];
    }

    private static WorkspaceDocumentMoved[] Move(MoveWorkspaceDocument c, WorkspaceDocumentState state)
    {
        var to = WorkspacePath.Normalize(c.NewPath, nameof(c.NewPath));
        return to == state.Path ? [] : [new WorkspaceDocumentMoved(state.DocumentId, state.Path, to, c.At)];
    }

    private static WorkspaceDocumentRestored[] Restore(RestoreWorkspaceDocument c, WorkspaceDocumentState state) =>
        state.Deleted
            ? [new WorkspaceDocumentRestored(state.DocumentId, state.Path, c.At)]
            : throw Refuse.Rule("workspace.document_not_deleted", $"workspace document {state.DocumentId} is not deleted");

    private static string Content(string? content, string field) => content switch
    {
        null => throw new ValidationException(field, "must not be null (use an empty string for an empty document)"),
        { Length: > WorkspaceLimits.ContentMaxLength } => throw new ValidationException(field, $"must be at most {WorkspaceLimits.ContentMaxLength} characters"),
        _ => content,
    };

    private static WorkspaceDocumentState Existing(WorkspaceDocumentState state, Guid documentId) =>
        state.Exists ? state : throw Refuse.NotFound("workspace", documentId);

    private static WorkspaceDocumentState Live(WorkspaceDocumentState state, Guid documentId) =>
        Existing(state, documentId).Deleted
            ? throw Refuse.Rule("workspace.document_deleted", $"workspace document {documentId} is deleted")
            : state;
}
