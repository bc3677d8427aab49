namespace Journal.Domain.Memory;

/// <summary>Why an item was forgotten: the values of <see cref="MemoryItemForgotten.Reason"/>.</summary>
public static class MemoryForgetReasons
{
    /// <summary>Deleted on its own.</summary>
    public const string Deleted = "deleted";

    /// <summary>Purged with its scope.</summary>
    public const string Purged = "purged";

    /// <summary>Its time to live ran out.</summary>
    public const string Expired = "retention.ttl";

    /// <summary>Older than the maximum age.</summary>
    public const string MaxAge = "retention.max_age";

    /// <summary>Among the oldest items over the maximum count.</summary>
    public const string MaxItems = "retention.max_items";

    /// <summary>Among the oldest items over the maximum size.</summary>
    public const string MaxBytes = "retention.max_bytes";

    /// <summary>Whether <paramref name="reason"/> is one of these.</summary>
    public static bool IsKnown(string? reason) => reason is Deleted or Purged or Expired or MaxAge or MaxItems or MaxBytes;
}
