namespace Journal.EventStore.Schema;

/// <summary>The database file's schema cannot be used by this version of the code.</summary>
public sealed class SchemaException(string code, string message) : Exception(message)
{
    /// <summary><c>schema.too_new</c>, <c>schema.checksum_mismatch</c>, <c>schema.gap</c> or <c>schema.precondition_failed</c>.</summary>
    public string Code { get; } = code;
}
