namespace Journal.Projections.Runtime;

/// <summary>What cached rows cost in memory, roughly, for the read-model caches' byte caps.</summary>
public static class CacheSizes
{
    /// <summary>A row of ids, numbers and short strings: the object, its fields and their small strings.</summary>
    public const long SmallRow = 256;

    /// <summary>A string on the heap: its header and length, and two bytes a character.</summary>
    public static long Text(string? text) => text is null ? 0 : 24 + (2L * text.Length);
}
