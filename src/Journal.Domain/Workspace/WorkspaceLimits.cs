namespace Journal.Domain.Workspace;

/// <summary>Field limits of workspace documents.</summary>
public static class WorkspaceLimits
{
    /// <summary>Longest normalized path.</summary>
    public const int PathMaxLength = 512;

    /// <summary>Longest content, in characters (1 Mi).</summary>
    public const int ContentMaxLength = 1024 * 1024;
}
