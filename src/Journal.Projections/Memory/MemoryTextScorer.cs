using System.Text;
using System.Text.Json;
using Journal.Projections.Runtime;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Memory;

/// <summary>
/// Recall's full-text branch scored in memory, for a principal whose cached set holds every one of its items
/// (<see cref="MemoryVectorSet.HoldsEveryItem"/>). The index is asked only for each kept word's occurrences
/// (fts5vocab's <c>instance</c> table reads the word's position list: no row is joined and nothing is scored in
/// SQL), and each item of the set holding one is scored by bm25 as FTS5's <c>bm25()</c> scores it: k1 = 1.2,
/// b = 0.75, the index's own row count and average length (its averages record), each word's item count, the
/// item's length from its docsize record (held in the set) and the word's frequency in it. FTS5 scores every
/// matching row with a docsize lookup and a position-list walk per row, then joins and filters; here the
/// cost is reading the position lists and a dictionary lookup per occurrence.
/// </summary>
internal static class MemoryTextScorer
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>
    /// Whether <paramref name="words"/> can be looked up as index terms as they are: lower-case ASCII letters and
    /// digits, which FTS5's unicode61 tokenizer keeps as one token unchanged. Other words (accents it folds,
    /// scripts it splits) go through FTS5's own query.
    /// </summary>
    public static bool CanScore(IReadOnlyList<string> words) =>
        words.Count > 0 && words.All(w => w.Length > 0 && w.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')));

    /// <summary>
    /// The best <paramref name="limit"/> items of <paramref name="set"/> holding any of <paramref name="words"/>'
    /// kept words and passing <paramref name="filter"/> (expiry included), best first (ties by row), each with
    /// its bm25 score (positive: FTS5's value negated).
    /// </summary>
    public static List<(long Rowid, double Score, MemoryVectorSet.Entry Entry)> Top(
        SqliteTransaction transaction, MemoryVectorSet set, MemoryQueryWords words, in MemoryRecallFilter filter, int limit)
    {
        var (rows, tokens) = Totals(transaction);
        var kept = words.Kept;
        if (rows <= 0 || kept.Count == 0)
        {
            return [];
        }

        var idf = new double[kept.Count];
        for (var w = 0; w < kept.Count; w++)
        {
            var hits = (double)words.Documents.GetValueOrDefault(kept[w]);
            idf[w] = Math.Log((rows - hits + 0.5) / (hits + 0.5));
            idf[w] = idf[w] <= 0.0 ? 1e-6 : idf[w];
        }

        var (members, frequencies) = Occurrences(transaction, set, kept, filter);
        var averageLength = tokens / (double)rows;
        var best = new PriorityQueue<(long Rowid, double Score, MemoryVectorSet.Entry Entry), (double Score, long Rowid)>(
            limit + 1, Comparer<(double Score, long Rowid)>.Create((a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Rowid.CompareTo(a.Rowid)));
        for (var m = 0; m < members.Count; m++)
        {
            var entry = members[m];
            var length = (double)entry.Words;
            var score = 0.0;
            for (var w = 0; w < kept.Count; w++)
            {
                double frequency = frequencies[(m * kept.Count) + w];
                score += idf[w] * (frequency * (K1 + 1.0)) / (frequency + (K1 * (1 - B + (B * length / averageLength))));
            }

            var hit = (entry.Rowid, score, entry);
            if (best.Count < limit)
            {
                best.Enqueue(hit, (score, entry.Rowid));
            }
            else if (best.TryPeek(out _, out var worst) && (score > worst.Score || (score == worst.Score && entry.Rowid < worst.Rowid)))
            {
                best.DequeueEnqueue(hit, (score, entry.Rowid));
            }
        }

        var top = new List<(long, double, MemoryVectorSet.Entry)>(best.Count);
        while (best.TryDequeue(out var hit, out _))
        {
            top.Add(hit);
        }

        top.Reverse();
        return top;
    }

    /// <summary>
    /// The set's items holding a kept word and passing the filter, and each one's frequency of each word
    /// (row-major: item m's frequency of word w at m * words + w). Occurrences of items the set lacks (other
    /// principals') are skipped by one lookup each.
    /// </summary>
    private static (List<MemoryVectorSet.Entry> Members, List<int> Frequencies) Occurrences(
        SqliteTransaction transaction, MemoryVectorSet set, IReadOnlyList<string> kept, in MemoryRecallFilter filter)
    {
        var terms = kept.Select(Encoding.UTF8.GetBytes).ToArray();
        var slots = new Dictionary<long, int>();
        var members = new List<MemoryVectorSet.Entry>();
        var frequencies = new List<int>();
        var plain = filter.IsPlain;
        using var read = new PreparedRead(transaction, MemorySql.SelectWordInstances, ("$words", JsonSerializer.Serialize(kept)));
        var word = -1;
        while (read.Read())
        {
            var term = read.Bytes(0);
            if (word < 0 || !term.SequenceEqual(terms[word]))
            {
                // Occurrences come term by term: the term changes a few times per recall.
                word = -1;
                for (var t = 0; t < terms.Length && word < 0; t++)
                {
                    word = term.SequenceEqual(terms[t]) ? t : -1;
                }

                if (word < 0)
                {
                    continue;
                }
            }

            var rowid = read.Int64(1);
            if (!slots.TryGetValue(rowid, out var slot))
            {
                slot = set.TryGetEntry(rowid, out var entry) && entry.ExpiresAt > filter.Now && (plain || filter.Accepts(entry)) ? members.Count : -1;
                slots[rowid] = slot;
                if (slot >= 0)
                {
                    members.Add(entry);
                    frequencies.AddRange(Enumerable.Repeat(0, kept.Count));
                }
            }

            if (slot >= 0)
            {
                frequencies[(slot * kept.Count) + word]++;
            }
        }

        return (members, frequencies);
    }

    /// <summary>The index's number of rows and of tokens, from FTS5's averages record (two varints).</summary>
    private static (long Rows, long Tokens) Totals(SqliteTransaction transaction)
    {
        using var read = new PreparedRead(transaction, MemorySql.SelectFtsTotals);
        if (!read.Read() || read.IsNull(0))
        {
            return (0, 0);
        }

        var record = read.Bytes(0);
        var rows = MemoryVectorRow.Varint(record, out var used);
        return (rows, MemoryVectorRow.Varint(record[used..]));
    }
}
