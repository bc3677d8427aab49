namespace Journal.Domain.Memory;

/// <summary>Field limits of memory items.</summary>
public static class MemoryLimits
{
    /// <summary>Longest content, in characters after normalization.</summary>
    public const int ContentMaxLength = 8000;

    /// <summary>Longest principal (a key).</summary>
    public const int PrincipalMaxLength = 128;

    /// <summary>Longest channel (a key).</summary>
    public const int ChannelMaxLength = 128;

    /// <summary>Most tags on one item.</summary>
    public const int MaxTags = 16;

    /// <summary>Longest tag.</summary>
    public const int TagMaxLength = 48;

    /// <summary>Longest time to live: ten years, in seconds.</summary>
    public const long MaxTtlSeconds = 10L * 366 * 24 * 60 * 60;
}
