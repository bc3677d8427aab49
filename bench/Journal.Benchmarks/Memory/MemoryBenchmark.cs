using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;
using Journal.Benchmarks.Shared;
using Journal.Domain.Memory;
using Journal.Domain.Memory.Embeddings;
using Journal.Domain.Memory.UseCases;
using Journal.EventStore;
using Journal.Projections;
using Journal.Projections.Memory;
using Journal.Projections.Runtime;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Journal.Application;

namespace Journal.Benchmarks.Memory;

/// <summary>
/// The <c>memory</c> verb. Adds N items of 30 words (100,000; 20,000 with <c>--quick</c>) through MediatR
/// with 64 callers in flight, until the read model has them all (vectors included), beside a raw SQLite
/// insert of the same rows (item row, FTS5 entry, vector BLOB; 1,000 rows per transaction). Then times
/// recall of 4-word queries over all N items of one principal (p50/p99), and the vector branch alone
/// beside a raw <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> scan of the
/// same vectors.
/// </summary>
public static class MemoryBenchmark
{
    private const int WordsPerItem = 30;
    private const int Vocabulary = 20_000;
    private const int InFlight = 64;
    private const int Queries = 300;
    private const int WarmUpQueries = 30;

    /// <summary>Issue 22's floor for adding items, until projected.</summary>
    private const int AddFloor = 5_000;

    public static async Task<int> RunAsync(bool quick, bool quantize = true, bool addOnly = false, int? itemCount = null, long? cacheBytes = null)
    {
        var items = itemCount ?? (quick ? 20_000 : 100_000);
        var directory = Path.Combine(Path.GetTempPath(), "journal-bench-memory", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var words = Words(new Random(7));
            var texts = Enumerable.Range(0, items).Select(i => Text(new Random(1000 + i), words, WordsPerItem)).ToArray();
            var queries = Enumerable.Range(0, Queries + WarmUpQueries).Select(i => Text(new Random(-1 - i), words, 4)).ToArray();

            var raw = RawInsert(Path.Combine(directory, "raw.db"), texts);
            var services = new ServiceCollection();
            // Full-precision vectors of the 100,000-item principal take about 116 MB: --float gives the cache room for them.
            services.AddSingleton(new MemoryOptions
            {
                RetentionInterval = Timeout.InfiniteTimeSpan,
                EmbeddingInterval = Timeout.InfiniteTimeSpan,
                QuantizeVectors = quantize,
                VectorCacheBytes = cacheBytes ?? (quantize ? MemoryOptions.DefaultVectorCacheBytes : 256L * 1024 * 1024),
            });
            services.AddJournal(new JournalStoreOptions { DatabasePath = Path.Combine(directory, "journal.db") });
            await using var provider = services.BuildServiceProvider();
            var hosted = provider.GetServices<IHostedService>().ToList();
            foreach (var service in hosted)
            {
                await service.StartAsync(default).ConfigureAwait(false);
            }

            var mediator = provider.GetRequiredService<IMediator>();
            var daemon = provider.GetRequiredService<ProjectionDaemon>();
            var scope = new MemoryScope("bench");
            var added = await AddAllAsync(mediator, daemon, scope, texts).ConfigureAwait(false);
            if (addOnly)
            {
                foreach (var service in hosted)
                {
                    await service.StopAsync(default).ConfigureAwait(false);
                }

                Console.WriteLine(AddReport(quick, items, added, raw));
                return added.Projected >= AddFloor ? 0 : 1;
            }


            var recall = new double[Queries];
            for (var i = 0; i < queries.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var hits = await mediator.Send(new RecallMemoryQuery(queries[i], scope)).ConfigureAwait(false);
                if (i >= WarmUpQueries)
                {
                    recall[i - WarmUpQueries] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }

                if (hits.Count == 0)
                {
                    throw new InvalidOperationException($"recall of '{queries[i]}' found nothing");
                }
            }

            var (branch, scan, vectors) = VectorBranch(provider, scope, queries);
            var text = TextBranch(provider, scope, queries);
            var many = await ManyPrincipalsAsync(provider, mediator, daemon, words, quick).ConfigureAwait(false);
            foreach (var service in hosted)
            {
                await service.StopAsync(default).ConfigureAwait(false);
            }

            var report = Report(quick, items, added, raw, recall, text, branch, scan, vectors, many, provider.GetRequiredService<MemoryOptions>());
            Console.WriteLine(report.Text);
            return report.Pass ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<AddRate> AddAllAsync(IMediator mediator, ProjectionDaemon daemon, MemoryScope scope, string[] texts)
    {
        // JIT and pools warm up on another principal first.
        for (var i = 0; i < 200; i++)
        {
            await mediator.Send(new AddMemoryItemRequest(null, new MemoryScope("warm-up"), texts[i], MemorySources.Import)).ConfigureAwait(false);
        }

        await daemon.CatchUpAsync(default).ConfigureAwait(false);
        var next = -1;
        var last = 0L;
        using var groups = new GroupSizes();
        var started = Stopwatch.GetTimestamp();
        var callers = Enumerable.Range(0, InFlight).Select(async _ =>
        {
            var highest = 0L;
            int i;
            while ((i = Interlocked.Increment(ref next)) < texts.Length)
            {
                var source = MemorySources.All[i % MemorySources.All.Count];
                var result = await mediator.Send(new AddMemoryItemRequest(null, scope, texts[i], source, ["bench", "t" + (i % 10).ToString(CultureInfo.InvariantCulture)])).ConfigureAwait(false);
                highest = Math.Max(highest, result.Position);
            }

            return highest;
        }).ToList();
        foreach (var caller in callers)
        {
            last = Math.Max(last, await caller.ConfigureAwait(false));
        }

        var acknowledged = texts.Length / Stopwatch.GetElapsedTime(started).TotalSeconds;
        var (groupCommits, grouped) = (groups.Groups, groups.Requests);
        await UntilProjectedAsync(daemon, last).ConfigureAwait(false);
        return new AddRate(acknowledged, texts.Length / Stopwatch.GetElapsedTime(started).TotalSeconds, groupCommits, grouped);
    }

    /// <summary>
    /// Waits until the memory read model has applied <paramref name="position"/>, for as long as it keeps moving: the
    /// daemon's own wait gives up after its bound (a request's read-your-writes budget), but the add rate is measured to
    /// the last item projected, however far behind the commands the read model is. Throws when it stops moving.
    /// </summary>
    private static async Task UntilProjectedAsync(ProjectionDaemon daemon, long position)
    {
        var reachedBefore = -1L;
        while (true)
        {
            try
            {
                await daemon.WaitForAsync(position, [MemoryProjection.ProjectionName], default).ConfigureAwait(false);
                return;
            }
            catch (StaleReadException stale) when (stale.Reached > reachedBefore)
            {
                reachedBefore = stale.Reached;
            }
        }
    }

    /// <summary>
    /// Items/s of the add scenario: until every command was acknowledged, and until the read model had them all;
    /// the tape's group commits while the commands ran and the requests they took.
    /// </summary>
    private sealed record AddRate(double Acknowledged, double Projected, long Groups, long Requests);

    /// <summary>
    /// The vector branch as recall runs it (the cached set's scan; with int8 vectors, the scan of
    /// <see cref="MemoryOptions.RerankFactor"/> × 50 candidates then their full-precision rerank from the
    /// read model), beside the raw baseline: a float dot product over the same vectors, read once into memory.
    /// </summary>
    private static (double[] Branch, double[] Scan, int Vectors) VectorBranch(IServiceProvider provider, MemoryScope scope, string[] queries)
    {
        var readModels = provider.GetRequiredService<ReadModelStore>();
        var index = provider.GetRequiredService<MemoryVectorIndex>();
        var options = provider.GetRequiredService<MemoryOptions>();
        var embeddings = (HashingEmbeddingGenerator)provider.GetRequiredService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>();
        var model = provider.GetRequiredService<MemoryEmbeddings>().ModelId;
        using var connection = readModels.OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        MemoryVectorSet set = index.For(transaction, scope.Principal, embeddings.Dimensions)
            ?? throw new InvalidOperationException($"the bench principal does not fit the recall cache's budget ({options.VectorCacheBytes:N0} bytes)");
        var floats = RawVectors(transaction, scope.Principal, embeddings.Dimensions);
        var branch = new double[Queries];
        var scan = new double[Queries];
        var query = new float[embeddings.Dimensions];
        var filter = new MemoryRecallFilter(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), null, null, -1, []);
        var pool = set.Quantized ? 50 * options.RerankFactor : 50;
        var sink = 0f;
        float Branch()
        {
            var top = set.Top(query, filter, pool);
            return set.Quantized
                ? MemoryVectorScan.Rerank(transaction, model, query, top.Select(t => set.Entries[t.Index]), 50, new HashSet<long>()).Top[0].Similarity
                : top[0].Similarity;
        }

        for (var i = 0; i < queries.Length; i++)
        {
            embeddings.Embed(queries[i], query);

            // Alternate which goes first, so neither always finds the vectors warmer in the cache.
            double b, s;
            if (i % 2 == 0)
            {
                b = Time(() => sink += Branch());
                s = Time(() => sink += RawScan(floats, embeddings.Dimensions, query));
            }
            else
            {
                s = Time(() => sink += RawScan(floats, embeddings.Dimensions, query));
                b = Time(() => sink += Branch());
            }

            if (i >= WarmUpQueries)
            {
                branch[i - WarmUpQueries] = b;
                scan[i - WarmUpQueries] = s;
            }
        }

        GC.KeepAlive(sink);
        return (branch, scan, set.Count);
    }

    /// <summary>Every vector of the principal as floats, in chunks like the cache's (the raw baseline's input).</summary>
    private static List<float[]> RawVectors(SqliteTransaction transaction, string principal, int dimensions)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT v.vector FROM memory_v1_vectors v JOIN memory_v1_items i ON i.item_rowid = v.item_rowid WHERE i.principal = $principal ORDER BY v.item_rowid";
        command.Parameters.AddWithValue("$principal", principal);
        using var reader = command.ExecuteReader();
        var chunks = new List<float[]>();
        var chunk = new float[MemoryVectorSet.ChunkSize * dimensions];
        var count = 0;
        while (reader.Read())
        {
            MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(0)).CopyTo(chunk.AsSpan(count * dimensions, dimensions));
            if (++count == MemoryVectorSet.ChunkSize)
            {
                chunks.Add(chunk);
                chunk = new float[MemoryVectorSet.ChunkSize * dimensions];
                count = 0;
            }
        }

        if (count > 0)
        {
            chunks.Add(chunk[..(count * dimensions)]);
        }

        return chunks;
    }

    /// <summary>
    /// Many principals (200 of 500 items; 50 of 200 with <c>--quick</c>) recalled once each after the big one:
    /// the recall cache's bytes and principals against its budget, and the managed heap after a full collection.
    /// </summary>
    private static async Task<ManyResult> ManyPrincipalsAsync(IServiceProvider provider, IMediator mediator, ProjectionDaemon daemon, string[] words, bool quick)
    {
        var principals = quick ? 50 : 200;
        var each = quick ? 200 : 500;
        var last = 0L;
        var next = -1;
        var callers = Enumerable.Range(0, InFlight).Select(async _ =>
        {
            var highest = 0L;
            int i;
            while ((i = Interlocked.Increment(ref next)) < principals * each)
            {
                var text = Text(new Random(5_000_000 + i), words, WordsPerItem);
                var result = await mediator.Send(new AddMemoryItemRequest(null, new MemoryScope("user" + (i % principals).ToString(CultureInfo.InvariantCulture)), text, MemorySources.Import)).ConfigureAwait(false);
                highest = Math.Max(highest, result.Position);
            }

            return highest;
        }).ToList();
        foreach (var caller in callers)
        {
            last = Math.Max(last, await caller.ConfigureAwait(false));
        }

        await UntilProjectedAsync(daemon, last).ConfigureAwait(false);
        var index = provider.GetRequiredService<MemoryVectorIndex>();
        var peak = 0L;
        for (var p = 0; p < principals; p++)
        {
            await mediator.Send(new RecallMemoryQuery(Text(new Random(-9 - p), words, 4), new MemoryScope("user" + p.ToString(CultureInfo.InvariantCulture)))).ConfigureAwait(false);
            peak = Math.Max(peak, index.CachedBytes);
        }

        var heap = GC.GetTotalMemory(forceFullCollection: true);
        return new ManyResult(principals, each, index.CachedBytes, peak, index.CachedPrincipals, index.Evictions, heap);
    }

    private sealed record ManyResult(int Principals, int ItemsEach, long CachedBytes, long PeakCachedBytes, int CachedPrincipals, long Evictions, long HeapBytes);

    /// <summary>The raw baseline: one dot product per vector, the best kept, nothing else.</summary>
    private static float RawScan(List<float[]> chunks, int dimensions, float[] query)
    {
        var best = float.MinValue;
        foreach (var vectors in chunks)
        {
            for (var offset = 0; offset + dimensions <= vectors.Length; offset += dimensions)
            {
                best = Math.Max(best, TensorPrimitives.Dot(vectors.AsSpan(offset, dimensions), query));
            }
        }

        return best;
    }

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>The same rows the projection writes, inserted straight into SQLite: items/s.</summary>
    private static double RawInsert(string path, string[] texts)
    {
        var embeddings = new HashingEmbeddingGenerator();
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
                CREATE TABLE items (item_rowid INTEGER PRIMARY KEY AUTOINCREMENT, item_id TEXT NOT NULL UNIQUE, principal TEXT NOT NULL, tags TEXT NOT NULL, source TEXT NOT NULL, created_at INTEGER NOT NULL);
                CREATE VIRTUAL TABLE fts USING fts5(content, tokenize = 'unicode61 remove_diacritics 2');
                CREATE TABLE vectors (item_rowid INTEGER PRIMARY KEY, vector BLOB NOT NULL);
                """;
            setup.ExecuteNonQuery();
        }

        var started = Stopwatch.GetTimestamp();
        var vector = new float[embeddings.Dimensions];
        for (var start = 0; start < texts.Length; start += 1000)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO items (item_id, principal, tags, source, created_at) VALUES ($id, 'bench', ',bench,', 'import', 0);
                INSERT INTO fts (rowid, content) VALUES (last_insert_rowid(), $content);
                INSERT INTO vectors (item_rowid, vector) VALUES (last_insert_rowid(), $vector);
                """;
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var content = insert.Parameters.Add("$content", SqliteType.Text);
            var blob = insert.Parameters.Add("$vector", SqliteType.Blob);
            for (var i = start; i < Math.Min(texts.Length, start + 1000); i++)
            {
                embeddings.Embed(texts[i], vector);
                id.Value = Guid.NewGuid().ToString("D");
                content.Value = texts[i];
                blob.Value = MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return texts.Length / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>
    /// The full-text branch alone, top 50, for the breakdown: the word counts the pruning reads, then the in-memory
    /// bm25 recall uses when the cached set holds every item, and FTS5's statement (its fallback) on the same words,
    /// the two taking turns query by query.
    /// </summary>
    private static TextTimes TextBranch(IServiceProvider provider, MemoryScope scope, string[] queries)
    {
        var readModels = provider.GetRequiredService<ReadModelStore>();
        var dimensions = provider.GetRequiredService<MemoryEmbeddings>().Dimensions ?? HashingEmbeddingGenerator.DefaultDimensions;
        using var connection = readModels.OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        var set = provider.GetRequiredService<MemoryVectorIndex>().For(transaction, scope.Principal, dimensions);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = MemorySql.SearchFts;
        var times = new TextTimes(new double[Queries], new double[Queries], new double[Queries], set is { HoldsEveryItem: true });
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var filter = new MemoryRecallFilter(now, null, null, -1, []);
        for (var i = 0; i < queries.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var words = MemorySelectiveWords.Of(transaction, queries[i]);
            var counted = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var inMemory = times.InMemory ? Time(() => MemoryTextScorer.Top(transaction, set!, words, filter, 50)) : double.NaN;
            var statement = Time(() =>
            {
                command.Parameters.Clear();
                command.Parameters.AddWithValue("$match", MemoryFtsQuery.Build(words.Kept));
                command.Parameters.AddWithValue("$principal", scope.Principal);
                command.Parameters.AddWithValue("$channel", DBNull.Value);
                command.Parameters.AddWithValue("$session_id", DBNull.Value);
                command.Parameters.AddWithValue("$now", now);
                command.Parameters.AddWithValue("$sources", DBNull.Value);
                command.Parameters.AddWithValue("$tags", DBNull.Value);
                command.Parameters.AddWithValue("$limit", 50);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                }
            });
            if (i >= WarmUpQueries)
            {
                times.Counts[i - WarmUpQueries] = counted;
                times.Scored[i - WarmUpQueries] = inMemory;
                times.Statement[i - WarmUpQueries] = statement;
            }
        }

        return times;
    }

    /// <summary>The full-text breakdown: the word counts, the in-memory bm25 (when recall uses it) and FTS5's statement, each after the counts.</summary>
    private sealed record TextTimes(double[] Counts, double[] Scored, double[] Statement, bool InMemory);

    private static (string Text, bool Pass) Report(bool quick, int items, AddRate added, double raw, double[] recall, TextTimes textBranch, double[] branch, double[] scan, int vectors, ManyResult many, MemoryOptions options)
    {
        var p50 = Percentile(recall, 0.50);
        var p99 = Percentile(recall, 0.99);
        var ratio = Percentile(branch, 0.50) / Percentile(scan, 0.50);
        var withinBudget = many.PeakCachedBytes <= options.VectorCacheBytes;
        var pass = p50 < 15 && p99 < 40 && ratio <= 2 && added.Projected >= AddFloor && withinBudget;
        var mib = 1024.0 * 1024;
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder()
            .AppendLine(c, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(quick ? "quick" : "full")} run, load average {Load()} at the end")
            .AppendLine()
            .AppendLine(c, $"{items:N0} items of {WordsPerItem} words (vocabulary {Vocabulary:N0}), one principal; {vectors:N0} vectors in the recall cache; {Queries} timed 4-word queries after {WarmUpQueries} warm-up.")
            .AppendLine()
            .AppendLine("| figure | ours | raw baseline | ratio | floor | result |")
            .AppendLine("|---|---:|---:|---:|---:|---|")
            .Append(AddRows(added, raw))
            .AppendLine(c, $"| recall, top 10 (FTS + vector fusion) | p50 {p50:0.00} ms, p99 {p99:0.00} ms | | | p50 < 15, p99 < 40 ms | {(p50 < 15 && p99 < 40 ? "pass" : "FAIL")} |")
            .AppendLine(c, $"| full-text branch: the word counts the pruning reads (breakdown) | p50 {Percentile(textBranch.Counts, 0.5):0.00} ms, p99 {Percentile(textBranch.Counts, 0.99):0.00} ms | | | | |")
            .AppendLine(c, $"| full-text branch: bm25 in memory, top 50, after the counts ({(textBranch.InMemory ? "what recall uses" : "not used: the set does not hold every item")}; breakdown) | {(textBranch.InMemory ? $"p50 {Percentile(textBranch.Scored, 0.5):0.00} ms, p99 {Percentile(textBranch.Scored, 0.99):0.00} ms" : "n/a")} | FTS5 bm25 statement, top 50 p50 {Percentile(textBranch.Statement, 0.5):0.00} ms, p99 {Percentile(textBranch.Statement, 0.99):0.00} ms | {(textBranch.InMemory ? Percentile(textBranch.Scored, 0.5) / Percentile(textBranch.Statement, 0.5) : double.NaN):0.00} | | |")
            .AppendLine(c, $"| vector branch ({(options.QuantizeVectors ? $"int8 scan of all, top {50 * options.RerankFactor}, float rerank to 50" : "float cosine over all, top 50")}) | p50 {Percentile(branch, 0.5):0.00} ms, p99 {Percentile(branch, 0.99):0.00} ms | raw float dot scan p50 {Percentile(scan, 0.5):0.00} ms, p99 {Percentile(scan, 0.99):0.00} ms | {ratio:0.00} | <= 2 | {(ratio <= 2 ? "pass" : "FAIL")} |")
            .AppendLine(c, $"| recall cache after one recall each of {many.Principals} more principals of {many.ItemsEach} items | {many.CachedBytes / mib:0.0} MiB in {many.CachedPrincipals} principals (peak {many.PeakCachedBytes / mib:0.0} MiB), {many.Evictions} evictions; managed heap after GC {many.HeapBytes / mib:0} MiB | budget {options.VectorCacheBytes / mib:0} MiB | {many.PeakCachedBytes / (double)options.VectorCacheBytes:0.00} | <= budget | {(withinBudget ? "pass" : "FAIL")} |");
        return (text.ToString(), pass);
    }

    /// <summary>The add scenario alone (<c>--only add</c>).</summary>
    private static string AddReport(bool quick, int items, AddRate added, double raw) => new StringBuilder()
        .AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(quick ? "quick" : "full")} run, add only, load average {Load()} at the end")
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"{items:N0} items of {WordsPerItem} words (vocabulary {Vocabulary:N0}), one principal.")
        .AppendLine()
        .AppendLine("| figure | ours | raw baseline | ratio | floor | result |")
        .AppendLine("|---|---:|---:|---:|---:|---|")
        .Append(AddRows(added, raw))
        .ToString();

    private static string AddRows(AddRate added, double raw)
    {
        var c = CultureInfo.InvariantCulture;
        return new StringBuilder()
            .AppendLine(c, $"| add (MediatR, {InFlight} in flight, until projected) | {added.Projected:N0} items/s | {raw:N0} rows/s (SQLite, 1,000/txn) | {added.Projected / raw:0.00} | >= {AddFloor:N0}/s | {(added.Projected >= AddFloor ? "pass" : "FAIL")} |")
            .AppendLine(c, $"| add, until every command was acknowledged (breakdown) | {added.Acknowledged:N0} items/s; {added.Groups:N0} group commits of {added.Requests / (double)Math.Max(1, added.Groups):0.0} requests on average | | {added.Acknowledged / raw:0.00} | | |")
            .ToString();
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static string[] Words(Random random)
    {
        const string consonants = "bcdfghjklmnprstvz";
        const string vowels = "aeiou";
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < Vocabulary)
        {
            var word = new StringBuilder();
            for (var s = random.Next(2, 4); s > 0; s--)
            {
                word.Append(consonants[random.Next(consonants.Length)]).Append(vowels[random.Next(vowels.Length)]);
            }

            words.Add(word.ToString());
        }

        return [.. words];
    }

    /// <summary>Words drawn with a skew (squared uniform), so some words are common and most are rare, as in text.</summary>
    private static string Text(Random random, string[] words, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => words[(int)(Math.Pow(random.NextDouble(), 2) * words.Length)]));
}
