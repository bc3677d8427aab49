namespace Journal.Domain.Workspace;

/// <summary>What the document decider needs: never the content, only its hash.</summary>
/// <param name="Exists">Whether the document was created.</param>
/// <param name="Path">Its normalized path.</param>
/// <param name="ContentSha256">SHA-256 of the current content, lower-case hex.</param>
/// <param name="Version">The current content version, from 1.</param>
/// <param name="Deleted">Whether it is soft-deleted.</param>
public sealed record WorkspaceDocumentState(bool Exists, Guid DocumentId, string Path, string ContentSha256, long Version, bool Deleted);
