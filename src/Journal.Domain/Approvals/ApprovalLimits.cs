namespace Journal.Domain.Approvals;

/// <summary>Field limits of approvals.</summary>
public static class ApprovalLimits
{
    /// <summary>Longest subject type (a key such as <c>tool.shell</c>).</summary>
    public const int SubjectTypeMaxLength = 64;

    /// <summary>Longest subject id.</summary>
    public const int SubjectIdMaxLength = 256;

    /// <summary>Longest summary shown to the human.</summary>
    public const int SummaryMaxLength = 2000;

    /// <summary>Longest "decided by".</summary>
    public const int DecidedByMaxLength = 128;

    /// <summary>Longest reason.</summary>
    public const int ReasonMaxLength = 2000;

    /// <summary>Longest time box: 30 days, in seconds.</summary>
    public const long MaxDurationSeconds = 30L * 24 * 60 * 60;
}
