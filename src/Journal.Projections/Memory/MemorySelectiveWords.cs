using System.Text.Json;
using Journal.Projections.Shared;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Memory;

/// <summary>The words of a recall text that the full-text branch scores, with how many items hold each.</summary>
/// <param name="Kept">The words to score, in the text's order.</param>
/// <param name="Documents">How many indexed items hold each word (a word the index lacks is absent).</param>
public sealed record MemoryQueryWords(IReadOnlyList<string> Kept, IReadOnlyDictionary<string, long> Documents);

/// <summary>The words of a recall text that the full-text branch scores: read each word's item count, then prune.</summary>
public static class MemorySelectiveWords
{
    /// <summary>
    /// The words of <paramref name="text"/> without those too common to be worth scoring, by the index's own
    /// counts (see <see cref="MemoryFtsQuery.WithoutCommonWords"/>), with those counts.
    /// </summary>
    public static MemoryQueryWords Of(SqliteTransaction transaction, string text)
    {
        var words = MemoryFtsQuery.Words(text);
        if (words.Count == 0)
        {
            return new MemoryQueryWords(words, new Dictionary<string, long>(StringComparer.Ordinal));
        }

        var counts = ReadModelQueries.Rows(transaction, MemorySql.SelectWordCounts, r => (Word: r.GetString(0), Documents: r.GetInt64(1), Items: r.GetInt64(2)), ("$words", JsonSerializer.Serialize(words)));
        var items = counts.Count == 0 ? 0 : counts[0].Items;
        var documents = counts.ToDictionary(c => c.Word, c => c.Documents, StringComparer.Ordinal);
        return new MemoryQueryWords(MemoryFtsQuery.WithoutCommonWords(words, documents, items), documents);
    }
}
