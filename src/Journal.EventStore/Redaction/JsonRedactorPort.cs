using System.Text.Json.Nodes;
using Journal.Domain.Commands;

namespace Journal.EventStore.Redaction;

/// <summary>The domain's <see cref="IJsonRedactor"/> over the tape's <see cref="Redactor"/>: the same rules the tape applies.</summary>
public sealed class JsonRedactorPort(Redactor redactor) : IJsonRedactor
{
    /// <inheritdoc />
    public JsonNode? Redact(JsonNode? node) => node is null ? null : redactor.Redact(node.DeepClone()).Value;
}
