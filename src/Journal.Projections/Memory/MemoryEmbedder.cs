using System.Runtime.InteropServices;
using Journal.Domain.Memory.Embeddings;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Journal.Projections.Memory;

/// <summary>
/// Fills in vectors in the background: items without one (a provider that is not inline) or with one
/// made by another model, version or size (the provider changed). It reads a batch, embeds it with no
/// lock or transaction held (neither the tape's writer nor the read model waits for the model), then
/// writes the vectors in one short transaction, each only if its item is still there, and bumps the
/// principals' embed stamps so recall reloads their vectors.
/// </summary>
public sealed class MemoryEmbedder(
    ReadModelStore readModels,
    ProjectionDaemon daemon,
    IMemoryEmbeddingProvider embeddings,
    MemoryOptions options,
    TimeProvider time,
    ILogger<MemoryEmbedder> logger) : BackgroundService
{
    /// <summary>Embeds every stale item; returns how many vectors it wrote.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        daemon.EnsureInitialized();
        var written = 0;
        var batch = Math.Clamp(options.EmbeddingBatchSize, 1, 1024);
        while (true)
        {
            List<(long Rowid, string ItemId, string Principal, string Content)> stale;
            using (var connection = readModels.OpenReader())
            {
                stale = ReadModelQueries.Rows(
                    connection,
                    MemorySql.SelectStale,
                    r => (r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3)),
                    ("$model", embeddings.ModelId),
                    ("$dimensions", embeddings.Dimensions),
                    ("$version", embeddings.Version),
                    ("$limit", batch));
            }

            if (stale.Count == 0)
            {
                return written;
            }

            var vectors = await embeddings.EmbedBatchAsync([.. stale.Select(s => s.Content)], ct).ConfigureAwait(false);
            if (vectors.Count != stale.Count || vectors.Any(v => v is null || v.Length != embeddings.Dimensions))
            {
                throw new InvalidOperationException($"embedding provider {embeddings.ModelId} returned vectors of the wrong number or size");
            }

            // Items forgotten meanwhile are skipped by the write (and no longer stale on the next read).
            written += Write(stale, vectors);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.EmbeddingInterval == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.EmbeddingInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var written = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                if (written > 0)
                {
                    logger.LogInformation("embedded {Count} memory items with {Model}", written, embeddings.ModelId);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "memory embedding failed; trying again at the next tick");
            }
        }
    }

    private int Write(List<(long Rowid, string ItemId, string Principal, string Content)> stale, IReadOnlyList<float[]> vectors)
    {
        using var connection = readModels.OpenReader();
        using var transaction = connection.BeginTransaction(deferred: false);
        var at = time.GetUtcNow().ToUnixTimeMilliseconds();
        var written = 0;
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = MemorySql.UpsertVector;
        foreach (var ((rowid, itemId, _, _), vector) in stale.Zip(vectors))
        {
            upsert.Parameters.Clear();
            upsert.Parameters.AddWithValue("$item_rowid", rowid);
            upsert.Parameters.AddWithValue("$model", embeddings.ModelId);
            upsert.Parameters.AddWithValue("$dimensions", embeddings.Dimensions);
            upsert.Parameters.AddWithValue("$version", embeddings.Version);
            upsert.Parameters.AddWithValue("$vector", MemoryMarshal.AsBytes(vector.AsSpan()).ToArray());
            upsert.Parameters.AddWithValue("$at", at);
            upsert.Parameters.AddWithValue("$item_id", itemId);
            written += upsert.ExecuteNonQuery();
        }

        using var bump = connection.CreateCommand();
        bump.Transaction = transaction;
        bump.CommandText = MemorySql.BumpEmbedStamp;
        foreach (var principal in stale.Select(s => s.Principal).Distinct(StringComparer.Ordinal))
        {
            bump.Parameters.Clear();
            bump.Parameters.AddWithValue("$principal", principal);
            bump.ExecuteNonQuery();
        }

        transaction.Commit();
        return written;
    }
}
