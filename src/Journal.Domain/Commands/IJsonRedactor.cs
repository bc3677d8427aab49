using System.Text.Json.Nodes;

namespace Journal.Domain.Commands;

/// <summary>
/// Redacts a JSON tree with exactly the rules the tape applies to every payload (sensitive keys,
/// secret-looking strings, JSON inside strings). A handler calls it first when it derives something
/// from JSON (a state, a hash) that must describe what the tape stores, not the secret.
/// </summary>
public interface IJsonRedactor
{
    /// <summary>A redacted copy of <paramref name="node"/>; the input is left as it is.</summary>
    JsonNode? Redact(JsonNode? node);
}
