namespace Journal.Domain.Transcript;

/// <summary>Field limits of transcript entries.</summary>
public static class TranscriptLimits
{
    /// <summary>Longest entry text, in characters. Longer output belongs in a tool job's output.</summary>
    public const int TextMaxLength = 65_536;

    /// <summary>Longest tool name.</summary>
    public const int ToolNameMaxLength = 128;
}
