namespace Journal.Domain.Workspace;

/// <summary>Marker of the events of one workspace document's stream, <c>workspace-{documentId}</c>.</summary>
public interface IWorkspaceDocumentEvent;
