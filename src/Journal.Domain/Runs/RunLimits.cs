namespace Journal.Domain.Runs;

/// <summary>Field limits of runs.</summary>
public static class RunLimits
{
    /// <summary>Longest failure or cancel reason, or success summary.</summary>
    public const int ReasonMaxLength = 2000;

    /// <summary>Longest "requested by".</summary>
    public const int ActorMaxLength = 128;
}
