using Journal.Domain.Errors;
using Journal.Domain.Workspace;

namespace Journal.Projections.Workspace;

/// <summary>Checks of the inputs the workspace queries share.</summary>
internal static class WorkspaceQueryInput
{
    /// <summary>A path prefix: null or empty for none; refused when longer than any path can be.</summary>
    public static string? PathPrefix(string? prefix) => prefix switch
    {
        null or "" => null,
        { Length: > WorkspaceLimits.PathMaxLength } => throw new ValidationException("pathPrefix", $"must be at most {WorkspaceLimits.PathMaxLength} characters"),
        _ => prefix,
    };
}
