using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Journal.Domain.Memory;
using Journal.Projections.Memory;
using Journal.Projections.Runtime;
using Journal.Projections.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Tests.Memory;

/// <summary>
/// What recall's vector branch allocates: a scan of the read model and a load into the cache must not
/// cost memory in proportion to the rows read (issue 21: service memory flat in the item count). Rows are
/// written straight into the read model, so tens of thousands of items take a second, not an embedder run.
/// </summary>
public sealed class VectorMemoryTests : IAsyncLifetime
{
    private const int Dimensions = 256;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-memory", Guid.NewGuid().ToString("N"));
    private readonly AdjustableClock _clock = new(AdjustableClock.Start);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Scan_allocates_the_same_few_bytes_whatever_the_item_count()
    {
        await using var f = await Open(new MemoryOptions());
        Seed(f, "small", 10_000);
        Seed(f, "large", 40_000);
        var query = UnitVector(new Random(7));
        var filter = Plain();
        long Measure(string principal)
        {
            using var connection = f.Get<ReadModelStore>().OpenReader();
            using var transaction = connection.BeginTransaction(deferred: true);
            var model = f.Get<MemoryEmbeddings>().ModelId;
            MemoryVectorScan.Scan(transaction, principal, model, query, filter, 50, new HashSet<long>());
            var before = GC.GetAllocatedBytesForCurrentThread();
            var hits = MemoryVectorScan.Scan(transaction, principal, model, query, filter, 50, new HashSet<long>());
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(50, hits.Top.Count);
            return allocated;
        }

        var small = Measure("small");
        var large = Measure("large");

        Assert.InRange(large, 0, small * 1.2);
        Assert.InRange(small, 0, 256 * 1024);
    }

    [Fact]
    public async Task Scan_returns_the_hits_of_the_cached_full_precision_set_under_every_filter()
    {
        await using var f = await Open(new MemoryOptions { QuantizeVectors = false });
        Seed(f, "mixed", 6_000);
        var query = UnitVector(new Random(11));
        var now = AdjustableClock.Start.ToUnixTimeMilliseconds();
        MemoryRecallFilter[] filters =
        [
            Plain(),
            new(now, "chat", null, -1, []),
            new(now, null, "session-1", -1, []),
            new(now, null, null, 1 << MemorySources.IndexOf(MemorySources.Summary), []),
            new(now, null, null, -1, [",t1,"]),
            new(now, "cli", "session-2", (1 << MemorySources.IndexOf(MemorySources.Manual)) | (1 << MemorySources.IndexOf(MemorySources.Import)), [",t0,", ",bench,"]),
            new(now + 1_000_000, null, null, -1, []),
        ];

        using var connection = f.Get<ReadModelStore>().OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        var set = f.Get<MemoryVectorIndex>().For(transaction, "mixed", Dimensions);
        Assert.NotNull(set);
        Assert.False(set.Quantized);
        foreach (var filter in filters)
        {
            var cached = set.Top(query, filter, 40).Select(h => (set.Entries[h.Index].Rowid, h.Similarity, set.Entries[h.Index].Source, set.Entries[h.Index].CreatedAt)).ToList();
            var scanned = MemoryVectorScan.Scan(transaction, "mixed", f.Get<MemoryEmbeddings>().ModelId, query, filter, 40, new HashSet<long>())
                .Top.Select(h => (h.Entry.Rowid, h.Similarity, h.Entry.Source, h.Entry.CreatedAt)).ToList();

            Assert.NotEmpty(cached);
            Assert.Equal(cached, scanned);
        }
    }

    [Fact]
    public async Task For_allocates_little_more_than_the_set_it_keeps()
    {
        await using var f = await Open(new MemoryOptions());
        Seed(f, "warm", 100);
        Seed(f, "loaded", 10_000);
        var index = f.Get<MemoryVectorIndex>();
        using var connection = f.Get<ReadModelStore>().OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        index.For(transaction, "warm", Dimensions);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var set = index.For(transaction, "loaded", Dimensions);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(set);
        Assert.Equal(10_000, set.Count);
        Assert.InRange(allocated, set.Bytes / 2, (set.Bytes * 1.1) + (64 * 1024));
    }

    [Fact]
    public async Task For_of_a_principal_larger_than_the_budget_answers_null_without_reading_its_vectors()
    {
        await using var f = await Open(new MemoryOptions { VectorCacheBytes = 1024 * 1024 });
        Seed(f, "warm", 100);
        Seed(f, "big", 10_000);
        var index = f.Get<MemoryVectorIndex>();
        using var connection = f.Get<ReadModelStore>().OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        index.For(transaction, "warm", Dimensions);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var set = index.For(transaction, "big", Dimensions);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(set);
        Assert.InRange(allocated, 0, 64 * 1024);
        Assert.Null(index.For(transaction, "big", Dimensions));
    }

    [Fact]
    public async Task For_leaves_out_rows_whose_vector_is_short_and_matches_the_scan()
    {
        await using var f = await Open(new MemoryOptions { QuantizeVectors = false });
        Seed(f, "partly", MemoryVectorSet.ChunkSize + 10);
        var cut = ShortenVectors(f, "partly", every: 97);
        var query = UnitVector(new Random(5));
        using var connection = f.Get<ReadModelStore>().OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);

        var set = f.Get<MemoryVectorIndex>().For(transaction, "partly", Dimensions);
        var scanned = MemoryVectorScan.Scan(transaction, "partly", f.Get<MemoryEmbeddings>().ModelId, query, Plain(), 60, new HashSet<long>());

        Assert.NotNull(set);
        Assert.True(cut.Count > 40);
        Assert.Equal(MemoryVectorSet.ChunkSize + 10 - cut.Count, set.Count);
        Assert.All(cut, rowid => Assert.False(set.Contains(rowid)));
        Assert.Equal(set.Top(query, Plain(), 60).Select(h => (set.Entries[h.Index].Rowid, h.Similarity)), scanned.Top.Select(h => (h.Entry.Rowid, h.Similarity)));
        Assert.Equal(TensorPrimitives.Dot(set.Vector(set.Count - 1), query), set.Similarity(set.Entries[^1].Rowid, query));
    }

    /// <summary>Cuts every <paramref name="every"/>th vector of <paramref name="principal"/> to half its length; their rowids.</summary>
    private static List<long> ShortenVectors(MemoryFixture f, string principal, int every)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = f.Get<ReadModelStore>().CurrentPath, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE memory_v1_vectors SET vector = substr(vector, 1, length(vector) / 2)
            WHERE item_rowid IN (SELECT item_rowid FROM memory_v1_items WHERE principal = $principal AND item_rowid % $every = 0)
            RETURNING item_rowid
            """;
        command.Parameters.AddWithValue("$principal", principal);
        command.Parameters.AddWithValue("$every", every);
        using var reader = command.ExecuteReader();
        var rowids = new List<long>();
        while (reader.Read())
        {
            rowids.Add(reader.GetInt64(0));
        }

        return rowids;
    }

    [Fact]
    public async Task MemoryVectorIndex_asks_for_one_collection_per_half_budget_of_evicted_sets()
    {
        const long budget = 1024 * 1024;
        await using var f = await Open(new MemoryOptions { VectorCacheBytes = budget });
        var principals = Enumerable.Range(0, 12).Select(i => "user" + i).ToList();
        foreach (var principal in principals)
        {
            Seed(f, principal, 1_000);
        }

        var index = f.Get<MemoryVectorIndex>();
        using var connection = f.Get<ReadModelStore>().OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        Assert.Equal(0, index.Collections);
        foreach (var principal in principals)
        {
            Assert.NotNull(index.For(transaction, principal, Dimensions));
        }

        Assert.True(index.Evictions > 0);
        Assert.True(index.EvictedBytes > budget);
        Assert.Equal(index.EvictedBytes / (budget / 2), index.Collections);
        Assert.InRange(index.CachedBytes, 1, budget);
    }

    /// <summary>A started fixture whose read model has the memory tables (one item projected, of another principal).</summary>
    private async Task<MemoryFixture> Open(MemoryOptions options)
    {
        var f = await new MemoryFixture(_clock, options: options, directory: _directory).StartAsync();
        var added = await f.Add("the tables exist once an item is projected", new MemoryScope("someone-else"));
        await f.Recall("tables", new MemoryScope("someone-else"), added.Position);
        return f;
    }

    private static MemoryRecallFilter Plain() => new(AdjustableClock.Start.ToUnixTimeMilliseconds(), null, null, -1, []);

    /// <summary>
    /// <paramref name="count"/> items of <paramref name="principal"/> with seeded unit vectors of the fixture's model,
    /// written into the read model in one transaction, with a mix of channels, sessions, tags, sources and expiries.
    /// </summary>
    private static void Seed(MemoryFixture f, string principal, int count)
    {
        var model = f.Get<MemoryEmbeddings>().ModelId;
        var created = AdjustableClock.Start.ToUnixTimeMilliseconds() - 1000;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = f.Get<ReadModelStore>().CurrentPath, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var item = connection.CreateCommand();
        item.Transaction = transaction;
        item.CommandText = """
            INSERT INTO memory_v1_items (item_id, principal, channel, session_id, tags, source, confidence, size_bytes, created_at, updated_at, expires_at, position)
            VALUES ($id, $principal, $channel, $session, $tags, $source, $confidence, 10, $created, $created, $expires, 1) RETURNING item_rowid
            """;
        using var vector = connection.CreateCommand();
        vector.Transaction = transaction;
        vector.CommandText = "INSERT INTO memory_v1_vectors (item_rowid, model, dimensions, version, vector, embedded_at) VALUES ($rowid, $model, $dimensions, 1, $vector, 0)";
        var random = new Random(principal.GetHashCode(StringComparison.Ordinal) ^ count);
        for (var i = 0; i < count; i++)
        {
            item.Parameters.Clear();
            item.Parameters.AddWithValue("$id", Guid.NewGuid().ToString());
            item.Parameters.AddWithValue("$principal", principal);
            item.Parameters.AddWithValue("$channel", (i % 3) switch { 0 => DBNull.Value, 1 => "chat", _ => "cli" });
            item.Parameters.AddWithValue("$session", (i % 5) switch { 0 => "session-1", 1 => "session-2", _ => DBNull.Value });
            item.Parameters.AddWithValue("$tags", (i % 4) switch { 0 => ",", 1 => ",t0,", 2 => ",t1,bench,", _ => ",bench,t0,t1," });
            item.Parameters.AddWithValue("$source", MemorySources.All[i % MemorySources.All.Count]);
            item.Parameters.AddWithValue("$confidence", 0.5 + ((i % 5) / 10.0));
            item.Parameters.AddWithValue("$created", created - i);
            item.Parameters.AddWithValue("$expires", i % 7 == 0 ? created + 500_000 : DBNull.Value);
            var rowid = (long)item.ExecuteScalar()!;
            vector.Parameters.Clear();
            vector.Parameters.AddWithValue("$rowid", rowid);
            vector.Parameters.AddWithValue("$model", model);
            vector.Parameters.AddWithValue("$dimensions", Dimensions);
            vector.Parameters.AddWithValue("$vector", MemoryMarshal.AsBytes(UnitVector(random).AsSpan()).ToArray());
            vector.ExecuteNonQuery();
        }

        using var stamp = connection.CreateCommand();
        stamp.Transaction = transaction;
        stamp.CommandText = "INSERT INTO memory_v1_principals (principal, stamp) VALUES ($principal, 1) ON CONFLICT (principal) DO UPDATE SET stamp = stamp + 1";
        stamp.Parameters.AddWithValue("$principal", principal);
        stamp.ExecuteNonQuery();
        transaction.Commit();
    }

    private static float[] UnitVector(Random random)
    {
        var vector = new float[Dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }
}
