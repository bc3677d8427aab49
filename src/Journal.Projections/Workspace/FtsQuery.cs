using System.Globalization;
using System.Text;

namespace Journal.Projections.Workspace;

/// <summary>
/// Turns user text into an FTS5 query that is never FTS syntax: the text is cut into words (runs of
/// letters and digits, as the <c>unicode61</c> tokenizer cuts them), each word becomes an FTS string
/// (<c>"word"</c>), and the strings are joined with spaces, which FTS5 reads as AND. Operators
/// (<c>AND</c>, <c>NEAR(</c>, <c>-</c>, <c>*</c>, <c>:</c>, quotes) are thus either dropped as
/// separators or searched as plain words.
/// </summary>
public static class FtsQuery
{
    /// <summary>The most words a query keeps; more only slow the search without narrowing it usefully.</summary>
    public const int MaxWords = 32;

    /// <summary>The FTS5 query for <paramref name="text"/>; null when it holds no word (then nothing matches).</summary>
    public static string? Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var query = new StringBuilder();
        var words = 0;
        var start = -1;
        for (var i = 0; i <= text.Length && words < MaxWords; i++)
        {
            if (i < text.Length && IsWordChar(text, i))
            {
                start = start < 0 ? i : start;
                continue;
            }

            if (start >= 0)
            {
                // Words hold no quote, but doubling quotes keeps the string literal safe whatever IsWordChar becomes.
                query.Append(query.Length == 0 ? "\"" : " \"").Append(text.Substring(start, i - start).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                words++;
                start = -1;
            }
        }

        return query.Length == 0 ? null : query.ToString();
    }

    private static bool IsWordChar(string text, int index) =>
        char.IsLetterOrDigit(text, index)
        || char.IsSurrogate(text, index)
        || CharUnicodeInfo.GetUnicodeCategory(text, index) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
