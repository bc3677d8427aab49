namespace Journal.Domain.Workspace;

/// <summary>Marker of the events of one path's claim stream, <c>workspacepath-{sha256 of the normalized path}</c>.</summary>
public interface IWorkspacePathEvent;
