namespace Journal.Domain.Commands;

/// <summary>
/// Removes secret-looking values from free text. Every payload is redacted by the tape anyway; a
/// handler calls this first when it derives something from the text (a digest, a length, a search
/// index) that must describe what is stored, not the secret.
/// </summary>
public interface ITextRedactor
{
    /// <summary>The text with secrets replaced; the same text when there are none.</summary>
    string Redact(string text);
}
