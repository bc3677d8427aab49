using Journal.Domain.Memory;
using Journal.Domain.Memory.Embeddings;
using Journal.Projections.Memory;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;

namespace Journal.Projections.Tests.Memory;

/// <summary>
/// Recall's in-memory bm25 (<see cref="MemoryTextScorer"/>) gives FTS5's own bm25 scores, over the same items, with
/// the same filters; and it is used only when the cached set holds every item of the principal.
/// </summary>
public sealed class MemoryTextScorerTests
{
    private static readonly string[] Vocabulary = ["amber", "basalt", "cobalt", "delta", "ember", "fjord", "garnet", "harbor", "indigo", "juniper", "kelp", "lagoon"];

    [Fact]
    public async Task In_memory_bm25_gives_the_scores_of_FTS5s_bm25_for_every_matching_item_of_the_principal_and_filter()
    {
        await using var f = await new MemoryFixture().StartAsync();
        var random = new Random(23);
        var last = 0L;
        for (var i = 0; i < 240; i++)
        {
            // Lengths from 1 to 200 words (docsize varints of one and two bytes), words repeated within an item.
            var words = i % 40 == 0 ? 130 + random.Next(70) : 1 + random.Next(25);
            var channel = i % 3 == 0 ? "ops" : null;
            last = (await f.Add(Sentence(random, words), new MemoryScope(i % 4 == 0 ? "bob" : "alice", channel), i % 5 == 0 ? MemorySources.Import : MemorySources.Manual)).Position;
        }

        await f.Daemon.CatchUpAsync(default);
        using var connection = f.Get<ReadModelStore>().OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        var set = f.Get<MemoryVectorIndex>().For(transaction, "alice", HashingEmbeddingGenerator.DefaultDimensions)!;
        Assert.True(set.HoldsEveryItem);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string[] queries = ["amber cobalt", "delta", "fjord garnet harbor kelp", "lagoon juniper indigo ember basalt", "nothing here"];
        var compared = 0;
        foreach (var text in queries)
        {
            var words = MemorySelectiveWords.Of(transaction, text);
            Assert.True(MemoryTextScorer.CanScore(words.Kept));
            foreach (var (channel, sources) in new (string?, string[])[] { (null, []), ("ops", []), (null, [MemorySources.Import]) })
            {
                var filter = new MemoryRecallFilter(now, channel, null, sources.Length == 0 ? -1 : 1 << MemorySources.IndexOf(sources[0]), []);
                var ours = MemoryTextScorer.Top(transaction, set, words, filter, 1000);
                var fts5 = Fts5(transaction, words.Kept, "alice", channel, sources, now);

                Assert.Equal(fts5.Keys.Order(), ours.Select(h => h.Rowid).Order());
                Assert.All(ours, h => Assert.Equal(fts5[h.Rowid], h.Score, 1e-12));
                Assert.Equal(ours.Select(h => h.Score).OrderDescending(), ours.Select(h => h.Score));
                compared += ours.Count;

                // A limit keeps the best: the same scores as FTS5's first rows.
                var top = MemoryTextScorer.Top(transaction, set, words, filter, 5);
                Assert.Equal(fts5.Values.OrderDescending().Take(5), top.Select(h => h.Score), new Close());
            }
        }

        Assert.True(compared > 200, $"only {compared} hits compared");
    }

    [Fact]
    public async Task A_set_missing_an_items_vector_does_not_score_words_itself_and_recall_still_finds_the_item_by_its_words()
    {
        await using var f = await new MemoryFixture(embeddings: new RemoteHashing()).StartAsync();
        await f.Add("cobalt harbor at dawn");
        await f.Get<MemoryEmbedder>().RunOnceAsync(default);
        Assert.True(SetOf(f).HoldsEveryItem);

        // Added after the embedder's pass: in the tape and the index, without a vector yet.
        var late = await f.Add("cobalt lagoon at dusk");
        await f.Daemon.CatchUpAsync(default);
        Assert.False(SetOf(f).HoldsEveryItem);
        var hits = await f.Recall("lagoon", minPosition: late.Position);

        Assert.Equal(MemoryFixture.IdOf(late), hits[0].ItemId);
        Assert.True(hits[0].Parts.Text > 0);
        await f.Get<MemoryEmbedder>().RunOnceAsync(default);
        Assert.True(SetOf(f).HoldsEveryItem);
    }

    [Theory]
    [InlineData(new byte[] { 0x00 }, 0L, 1)]
    [InlineData(new byte[] { 0x7F }, 127L, 1)]
    [InlineData(new byte[] { 0x81, 0x00 }, 128L, 2)]
    [InlineData(new byte[] { 0x82, 0x2C, 0x99 }, 300L, 2)]
    [InlineData(new byte[] { 0xFF, 0x7F }, 16383L, 2)]
    [InlineData(new byte[] { 0x81, 0x80, 0x00 }, 16384L, 3)]
    [InlineData(new byte[] { 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x01 }, 0x0204081020408101L, 9)]
    public void Varint_reads_SQLites_big_endian_seven_bit_groups_with_a_full_ninth_byte(byte[] bytes, long value, int length)
    {
        Assert.Equal(value, MemoryVectorRow.Varint(bytes, out var used));
        Assert.Equal(length, used);
    }

    [Theory]
    [InlineData("deploy pipeline 42", true)]
    [InlineData("café", false)]
    [InlineData("snake_case", false)]
    [InlineData("Upper", false)]
    public void Only_words_FTS5_keeps_as_they_are_are_scored_in_memory(string word, bool scored) =>
        Assert.Equal(scored, MemoryTextScorer.CanScore(word.Split(' ')));

    private static MemoryVectorSet SetOf(MemoryFixture f)
    {
        using var connection = f.Get<ReadModelStore>().OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        return f.Get<MemoryVectorIndex>().For(transaction, "alice", HashingEmbeddingGenerator.DefaultDimensions)!;
    }

    /// <summary>FTS5's own statement over every matching item: row, bm25 turned positive.</summary>
    private static Dictionary<long, double> Fts5(SqliteTransaction transaction, IReadOnlyList<string> words, string principal, string? channel, string[] sources, long now) =>
        ReadModelQueries.Rows(
                transaction,
                MemorySql.SearchFts,
                r => (Rowid: r.GetInt64(0), Score: -r.GetDouble(1)),
                ("$match", MemoryFtsQuery.Build(words)),
                ("$principal", principal),
                ("$channel", channel),
                ("$session_id", null),
                ("$now", now),
                ("$sources", sources.Length == 0 ? null : System.Text.Json.JsonSerializer.Serialize(sources)),
                ("$tags", null),
                ("$limit", 100_000))
            .ToDictionary(r => r.Rowid, r => r.Score);

    private static string Sentence(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Vocabulary[(int)(Math.Pow(random.NextDouble(), 1.5) * Vocabulary.Length)]));

    private sealed class Close : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= 1e-12;

        public int GetHashCode(double obj) => 0;
    }

    /// <summary>The hashing embedding offered as a remote model would be: items get their vectors from the embedder's passes.</summary>
    private sealed class RemoteHashing : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly HashingEmbeddingGenerator _inner = new();

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            _inner.GenerateAsync(values, options, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("remote", null, _inner.ModelId, _inner.Dimensions) : null;

        public void Dispose()
        {
        }
    }
}
