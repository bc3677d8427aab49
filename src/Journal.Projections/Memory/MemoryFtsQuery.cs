using System.Globalization;
using System.Text;

namespace Journal.Projections.Memory;

/// <summary>
/// Turns recall text into an FTS5 query that is never FTS syntax: the text is cut into words (runs of
/// letters and digits), each word becomes an FTS string (<c>"word"</c>), and the strings are joined
/// with <c>OR</c> (recall wants items sharing some words; bm25 ranks those sharing more higher).
/// Operators typed by a user (<c>AND</c>, <c>NEAR(</c>, <c>-</c>, <c>*</c>, quotes) are either cut
/// away as separators or searched as plain quoted words.
/// </summary>
public static class MemoryFtsQuery
{
    /// <summary>The most distinct words a query keeps.</summary>
    public const int MaxWords = 32;

    /// <summary>
    /// A word found in more than this share of the indexed items is left out of the query when rarer
    /// words remain: bm25 gives it almost no weight, yet scoring it means visiting every item that has it.
    /// </summary>
    public const double CommonWordShare = 0.05;

    /// <summary>Below this many items every word is kept: a small index is cheap to score whole.</summary>
    public const long MinItemsToPrune = 1000;

    /// <summary>The FTS5 query for <paramref name="text"/>; null when it holds no word.</summary>
    public static string? Sanitize(string? text) => Build(Words(text));

    /// <summary>
    /// The most item occurrences the kept words may hold together: scoring visits every item that holds a kept
    /// word, so the words are taken rarest first while their counts add up to at most this (the rarest is always
    /// taken). A query's cost is then bounded whatever the index's size; the words left out are the commonest of
    /// the query, the ones bm25 weighs least.
    /// </summary>
    public const long MaxScoredOccurrences = 10_000;

    /// <summary>
    /// Leaves out the words found in more than <see cref="CommonWordShare"/> of <paramref name="items"/>
    /// items (by <paramref name="documents"/>, the number of items holding each word), as long as a rarer
    /// word remains; when every word is that common, keeps the rarest one. Of the rest, keeps the rarest words
    /// whose counts add up to at most <see cref="MaxScoredOccurrences"/> (at least the rarest). Indexes of fewer
    /// than <see cref="MinItemsToPrune"/> items keep every word. The words kept stay in the query's order.
    /// </summary>
    public static IReadOnlyList<string> WithoutCommonWords(IReadOnlyList<string> words, IReadOnlyDictionary<string, long> documents, long items)
    {
        if (words.Count < 2 || items < MinItemsToPrune)
        {
            return words;
        }

        var limit = items * CommonWordShare;
        var rarestFirst = words.OrderBy(w => documents.GetValueOrDefault(w)).ToList();
        var kept = new HashSet<string>(StringComparer.Ordinal) { rarestFirst[0] };
        var occurrences = documents.GetValueOrDefault(rarestFirst[0]);
        foreach (var word in rarestFirst.Skip(1))
        {
            var count = documents.GetValueOrDefault(word);
            if (count > limit || occurrences + count > MaxScoredOccurrences)
            {
                break;
            }

            kept.Add(word);
            occurrences += count;
        }

        return [.. words.Where(kept.Contains)];
    }

    /// <summary>The distinct lower-case words of <paramref name="text"/> (at most <see cref="MaxWords"/>), in order.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length && words.Count < MaxWords; i++)
        {
            if (i < text.Length && IsWordChar(text, i))
            {
                start = start < 0 ? i : start;
                continue;
            }

            if (start >= 0)
            {
                var word = text.Substring(start, i - start).ToLowerInvariant();
                if (!words.Contains(word, StringComparer.Ordinal))
                {
                    words.Add(word);
                }

                start = -1;
            }
        }

        return words;
    }

    /// <summary>The FTS5 query matching any of <paramref name="words"/>; null when there is none.</summary>
    public static string? Build(IReadOnlyList<string> words)
    {
        if (words.Count == 0)
        {
            return null;
        }

        var query = new StringBuilder();
        foreach (var word in words)
        {
            // Words hold no quote, but doubling quotes keeps the string literal safe whatever IsWordChar becomes.
            query.Append(query.Length == 0 ? "\"" : " OR \"").Append(word.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return query.ToString();
    }

    private static bool IsWordChar(string text, int index) =>
        char.IsLetterOrDigit(text, index)
        || char.IsSurrogate(text, index)
        || CharUnicodeInfo.GetUnicodeCategory(text, index) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
