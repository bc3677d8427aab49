using System.Text.Json.Nodes;

namespace Journal.EventStore.Redaction;

/// <summary>The outcome of <see cref="Redactor.Redact(JsonNode?)"/>.</summary>
/// <param name="Value">
/// The redacted root: the same instance that was passed in (possibly mutated) unless the root itself
/// had to be replaced, as when the root is a string holding a secret.
/// </param>
/// <param name="Paths">
/// The RFC 6901 JSON Pointer of every replaced value, in document order, each once. A value inside
/// JSON embedded in a string is written as the string's pointer, <c>#</c>, then the pointer inside the
/// embedded document, e.g. <c>/args/body#/api_key</c>. Empty when nothing changed.
/// </param>
public sealed record RedactionResult(JsonNode? Value, IReadOnlyList<string> Paths);
