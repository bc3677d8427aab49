namespace Journal.EventStore.Redaction;

/// <summary>
/// Settings for a <see cref="Redactor"/>. Immutable; share one instance across redactors.
/// </summary>
public sealed record RedactionOptions
{
    /// <summary>The defaults: no extra keys, <c>[REDACTED]</c>, embedded JSON followed 4 levels deep.</summary>
    public static RedactionOptions Default { get; } = new();

    /// <summary>
    /// Extra sensitive key names on top of the built-in lists. Each one is tokenized exactly like an
    /// object key (see <see cref="Redactor.IsSensitiveKey(string)"/>) and matches a key whose token list
    /// contains the same token sequence, so <c>tenant_code</c> also matches <c>tenantCode</c> and
    /// <c>X-Tenant-Code</c>. Entries with no letters or digits are ignored.
    /// </summary>
    public IReadOnlyList<string> ExtraKeys { get; init; } = [];

    /// <summary>The text written in place of every redacted value or substring.</summary>
    public string Replacement { get; init; } = "[REDACTED]";

    /// <summary>
    /// How many levels of JSON-inside-a-string are parsed and redacted structurally. A string nested
    /// deeper is still scanned as free text. Zero disables parsing embedded JSON.
    /// </summary>
    public int MaxEmbeddedJsonDepth { get; init; } = 4;
}
