using Journal.Domain.Memory;
using Journal.Domain.Memory.UseCases;
using Journal.Projections.Memory;
using Journal.Projections.Runtime;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.Memory;

public sealed class VectorBudgetTests : IAsyncLifetime
{
    private const long SmallBudget = 48 * 1024;
    private static readonly string[] Principals = [.. Enumerable.Range(0, 8).Select(i => "user" + i)];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-memory", Guid.NewGuid().ToString("N"));
    private readonly AdjustableClock _clock = new(AdjustableClock.Start);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task MemoryVectorIndex_stays_within_its_budget_after_recalls_across_many_principals()
    {
        await using var f = await Open(new MemoryOptions { VectorCacheBytes = SmallBudget });
        var last = await AddCorpus(f, Principals, itemsEach: 40);
        var index = f.Get<MemoryVectorIndex>();

        foreach (var principal in Principals)
        {
            var hits = await f.Recall("orchard kiwi ledger", new MemoryScope(principal), last);
            Assert.NotEmpty(hits);
            Assert.InRange(index.CachedBytes, 1, SmallBudget);
        }

        var cached = Principals.Select(index.Cached).OfType<MemoryVectorSet>().ToList();
        Assert.NotEmpty(cached);
        Assert.True(index.Evictions > 0);
        Assert.True(cached.Count < Principals.Length);

        // The count is honest: at least the vector codes, scales and row ids of every cached entry.
        Assert.True(index.CachedBytes >= cached.Sum(s => s.Count * (s.Dimensions + sizeof(float) + sizeof(long))));
        Assert.Equal(index.CachedBytes, cached.Sum(s => s.Bytes));
    }

    [Fact]
    public async Task Recall_of_an_evicted_principal_returns_the_same_hits_as_before_eviction()
    {
        await using var f = await Open(new MemoryOptions { VectorCacheBytes = SmallBudget });
        var last = await AddCorpus(f, Principals, itemsEach: 40);
        var index = f.Get<MemoryVectorIndex>();
        var before = await f.Recall("kiwi ledger river", new MemoryScope("user0"), last, limit: 20);

        foreach (var principal in Principals.Skip(1))
        {
            await f.Recall("kiwi ledger river", new MemoryScope(principal), last);
        }

        var evicted = index.Cached("user0");
        var after = await f.Recall("kiwi ledger river", new MemoryScope("user0"), last, limit: 20);

        Assert.Null(evicted);
        Assert.NotEmpty(before);
        Assert.Equal(Hits(before), Hits(after));
        Assert.Contains(before, h => h.Parts.Vector > 0);
    }

    [Fact]
    public async Task Recall_of_a_principal_larger_than_the_budget_scans_the_read_model_and_returns_the_cached_hits()
    {
        long last;
        IReadOnlyList<MemoryHit> cachedHits;
        await using (var f = await Open(new MemoryOptions { QuantizeVectors = false }))
        {
            last = await AddCorpus(f, ["big"], itemsEach: 300);
            cachedHits = await f.Recall("orchard ledger", new MemoryScope("big"), last, limit: 30);
            Assert.NotNull(f.Get<MemoryVectorIndex>().Cached("big"));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var small = await Open(new MemoryOptions { VectorCacheBytes = 16 * 1024 });
        var scanned = await small.Recall("orchard ledger", new MemoryScope("big"), last, limit: 30);
        var again = await small.Recall("orchard ledger", new MemoryScope("big"), last, limit: 30);
        var index = small.Get<MemoryVectorIndex>();

        Assert.Null(index.Cached("big"));
        Assert.Equal(0, index.CachedBytes);
        Assert.Equal(30, cachedHits.Count);
        Assert.All(cachedHits, h => Assert.True(h.Parts.VectorSearchable && h.Parts.Vector > 0));
        Assert.Equal(Hits(cachedHits), Hits(scanned));
        Assert.Equal(Hits(cachedHits), Hits(again));
    }

    [Fact]
    public async Task Quantized_recall_returns_the_same_hits_as_full_precision_on_a_seeded_corpus()
    {
        var queries = Enumerable.Range(0, 25).Select(i => Sentence(new Random(-1 - i), 3)).ToList();
        long last;
        var full = new List<string[]>();
        await using (var f = await Open(new MemoryOptions { QuantizeVectors = false }))
        {
            last = await AddCorpus(f, ["seeded"], itemsEach: 600);
            foreach (var query in queries)
            {
                full.Add(Hits(await f.Recall(query, new MemoryScope("seeded"), last, limit: 10)));
            }

            Assert.False(f.Get<MemoryVectorIndex>().Cached("seeded")!.Quantized);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var q = await Open(new MemoryOptions { QuantizeVectors = true });
        for (var i = 0; i < queries.Count; i++)
        {
            Assert.Equal(full[i], Hits(await q.Recall(queries[i], new MemoryScope("seeded"), last, limit: 10)));
        }

        Assert.True(q.Get<MemoryVectorIndex>().Cached("seeded")!.Quantized);
        Assert.Contains(full, hits => hits.Length == 10);
    }

    [Fact]
    public async Task Forget_and_purge_remove_the_vector_from_the_cache_and_the_read_model()
    {
        await using var f = await Open(new MemoryOptions());
        var kept = await f.Add("kiwi orchard notes to keep", new MemoryScope("dora"));
        var forgotten = await f.Add("kiwi orchard notes to forget", new MemoryScope("dora"));
        var purged = await f.Add("kiwi orchard notes in a channel", new MemoryScope("dora", "chat"));
        await f.Recall("kiwi orchard", new MemoryScope("dora"), purged.Position);
        var index = f.Get<MemoryVectorIndex>();
        var rowids = Rowids(f);
        Assert.True(index.Cached("dora")!.Contains(rowids[MemoryFixture.IdOf(forgotten)]));

        var deleted = await f.Mediator.Send(new DeleteMemoryItemRequest(MemoryFixture.IdOf(forgotten)));
        var purge = await f.Mediator.Send(new PurgeMemoryRequest(new MemoryScope("dora", "chat")));
        var hits = await f.Recall("kiwi orchard", new MemoryScope("dora"), Math.Max(deleted.Position, purge.Position));

        var set = index.Cached("dora")!;
        Assert.Equal([MemoryFixture.IdOf(kept)], hits.Select(h => h.ItemId));
        Assert.True(set.Contains(rowids[MemoryFixture.IdOf(kept)]));
        Assert.False(set.Contains(rowids[MemoryFixture.IdOf(forgotten)]));
        Assert.False(set.Contains(rowids[MemoryFixture.IdOf(purged)]));
        Assert.Equal(1, set.Count);
        Assert.Equal([rowids[MemoryFixture.IdOf(kept)]], VectorRows(f));
    }

    private async Task<MemoryFixture> Open(MemoryOptions options) =>
        await new MemoryFixture(_clock, options: options, directory: _directory).StartAsync();

    /// <summary>Items of seeded random words for each principal; the highest position.</summary>
    private static async Task<long> AddCorpus(MemoryFixture f, IReadOnlyList<string> principals, int itemsEach)
    {
        var last = 0L;
        foreach (var principal in principals)
        {
            var added = await Task.WhenAll(Enumerable.Range(0, itemsEach).Select(i =>
                f.Mediator.Send(new AddMemoryItemRequest(null, new MemoryScope(principal), Sentence(new Random(i * 31 + principal.Length), 12), MemorySources.Manual, ["t" + (i % 3)]))));
            last = Math.Max(last, added.Max(a => a.Position));
        }

        return last;
    }

    private static readonly string[] Vocabulary =
    [
        "orchard", "kiwi", "ledger", "river", "harbor", "copper", "lantern", "meadow", "quartz", "saddle", "thistle", "violet",
        "walnut", "yarrow", "zephyr", "basalt", "cinder", "dahlia", "ember", "fjord", "garnet", "hazel", "indigo", "juniper",
        "kestrel", "lichen", "marble", "nectar", "obsidian", "pepper", "quill", "russet", "sorrel", "tundra", "umber", "vellum",
    ];

    private static string Sentence(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Vocabulary[(int)(Math.Pow(random.NextDouble(), 1.5) * Vocabulary.Length)]));

    private static string[] Hits(IReadOnlyList<MemoryHit> hits) => [.. hits.Select(h => $"{h.ItemId} {h.Score:R} {h.Parts.Vector:R}")];

    private static Dictionary<Guid, long> Rowids(MemoryFixture f)
    {
        using var connection = f.Get<ReadModelStore>().OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT item_id, item_rowid FROM memory_v1_items";
        using var reader = command.ExecuteReader();
        var rowids = new Dictionary<Guid, long>();
        while (reader.Read())
        {
            rowids[Guid.Parse(reader.GetString(0))] = reader.GetInt64(1);
        }

        return rowids;
    }

    private static List<long> VectorRows(MemoryFixture f)
    {
        using var connection = f.Get<ReadModelStore>().OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT item_rowid FROM memory_v1_vectors ORDER BY item_rowid";
        using var reader = command.ExecuteReader();
        var rows = new List<long>();
        while (reader.Read())
        {
            rows.Add(reader.GetInt64(0));
        }

        return rows;
    }
}
