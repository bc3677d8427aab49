namespace Journal.Domain.Memory;

/// <summary>Where a memory item came from, by its wire name, and how much recall trusts each source.</summary>
public static class MemorySources
{
    /// <summary>Written on purpose by the agent or a user.</summary>
    public const string Manual = "manual";

    /// <summary>Imported in bulk.</summary>
    public const string Import = "import";

    /// <summary>A summary the agent wrote.</summary>
    public const string Summary = "summary";

    /// <summary>Taken from a user's message on the tape.</summary>
    public const string TapeUserMessage = "tape:user_message";

    /// <summary>Taken from a tool's result on the tape.</summary>
    public const string TapeToolResult = "tape:tool_result";

    /// <summary>Every source, in a fixed order (their index is a compact code for caches).</summary>
    public static IReadOnlyList<string> All { get; } = [Manual, Import, Summary, TapeUserMessage, TapeToolResult];

    /// <summary>Whether <paramref name="source"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string? source) => source is not null && IndexOf(source) >= 0;

    /// <summary>The index of <paramref name="source"/> in <see cref="All"/>, or -1.</summary>
    public static int IndexOf(string source) => source switch
    {
        Manual => 0,
        Import => 1,
        Summary => 2,
        TapeUserMessage => 3,
        TapeToolResult => 4,
        _ => -1,
    };

    /// <summary>
    /// How much recall trusts a source, 0 to 1: what a person wrote on purpose most, a tool's raw
    /// output least (it is often long and noisy).
    /// </summary>
    public static double Quality(string source) => source switch
    {
        Manual => 1.0,
        Summary => 0.85,
        Import => 0.7,
        TapeUserMessage => 0.6,
        _ => 0.45,
    };
}
