using Journal.Domain.Commands;

namespace Journal.EventStore.Redaction;

/// <summary>The domain's <see cref="ITextRedactor"/> over the tape's <see cref="Redactor"/>: the same rules the tape applies.</summary>
public sealed class TextRedactorPort(Redactor redactor) : ITextRedactor
{
    /// <inheritdoc />
    public string Redact(string text) => redactor.RedactText(text, out _);
}
