namespace Journal.Domain.ToolJobs;

/// <summary>Field limits of tool jobs.</summary>
public static class ToolJobLimits
{
    /// <summary>The output tail kept in the state unless a command asks otherwise: 16 KiB.</summary>
    public const int DefaultTailBytes = 16 * 1024;

    /// <summary>The largest output tail a command may ask for: 1 MiB.</summary>
    public const int MaxTailBytes = 1024 * 1024;

    /// <summary>Longest tool name.</summary>
    public const int ToolNameMaxLength = 128;

    /// <summary>Longest arguments text.</summary>
    public const int ArgumentsMaxLength = 65_536;

    /// <summary>Longest failure or cancel reason.</summary>
    public const int ReasonMaxLength = 2000;

    /// <summary>Longest retry idempotency key.</summary>
    public const int IdempotencyKeyMaxLength = 128;

    /// <summary>The reason recorded for a job failed by crash recovery.</summary>
    public const string InterruptedReason = "interrupted";
}
