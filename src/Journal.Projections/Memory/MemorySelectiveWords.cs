using System.Text.Json;
using Journal.Projections.Shared;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Memory;

/// <summary>The words of a recall text that the full-text branch scores: read each word's item count, then prune.</summary>
public static class MemorySelectiveWords
{
    /// <summary>
    /// The words of <paramref name="text"/> without those too common to be worth scoring, by the index's own
    /// counts (see <see cref="MemoryFtsQuery.WithoutCommonWords"/>).
    /// </summary>
    public static IReadOnlyList<string> Of(SqliteTransaction transaction, string text)
    {
        var words = MemoryFtsQuery.Words(text);
        if (words.Count < 2)
        {
            return words;
        }

        var counts = ReadModelQueries.Rows(transaction, MemorySql.SelectWordCounts, r => (Word: r.GetString(0), Documents: r.GetInt64(1), Items: r.GetInt64(2)), ("$words", JsonSerializer.Serialize(words)));
        var items = counts.Count == 0 ? 0 : counts[0].Items;
        return MemoryFtsQuery.WithoutCommonWords(words, counts.ToDictionary(c => c.Word, c => c.Documents, StringComparer.Ordinal), items);
    }
}
