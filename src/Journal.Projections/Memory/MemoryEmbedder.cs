using System.Runtime.InteropServices;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Journal.Projections.Memory;

/// <summary>
/// Embeds pending items in the background: items without a vector (the model is not inline, or the read
/// model was rebuilt) or with one made by another model or of another length (the model changed). It
/// reads a batch, embeds it with no lock or transaction held (neither the tape's writer nor the read model
/// waits for the model), within <see cref="MemoryOptions.EmbeddingTimeout"/>, then writes the vectors in
/// one short transaction, each only if its item is still there, and bumps the principals' embed stamps so
/// recall reloads their vectors. A batch the model fails (down, unreachable, an error, too slow) is not
/// written: its items stay pending, found by full text only, and are tried again at the next pass; nothing
/// is lost or dead-lettered.
/// </summary>
public sealed class MemoryEmbedder(
    ReadModelStore readModels,
    ProjectionDaemon daemon,
    MemoryEmbeddings embeddings,
    MemoryOptions options,
    TimeProvider time,
    ILogger<MemoryEmbedder> logger) : BackgroundService
{
    /// <summary>Brings the read model up to the tape, then embeds every pending item; returns how many vectors it wrote.</summary>
    /// <remarks>
    /// A batch the model fails ends the pass with the model client's exception (or a
    /// <see cref="TimeoutException"/> past <see cref="MemoryOptions.EmbeddingTimeout"/>); the batches before
    /// it are written, its items and the rest stay pending for the next pass.
    /// </remarks>
    /// <exception cref="TimeoutException">The model did not answer a batch in time.</exception>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await daemon.CatchUpAsync(ct).ConfigureAwait(false);
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
                    ("$limit", batch));
            }

            if (stale.Count == 0)
            {
                return written;
            }

            var vectors = await EmbedAsync([.. stale.Select(s => s.Content)], ct).ConfigureAwait(false);

            // Items forgotten meanwhile are skipped by the write (and no longer pending on the next read).
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
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(
                    ex,
                    "memory embedding with {Model} failed; the items not embedded stay pending (recall finds them by full text only) and are tried again in {Interval}",
                    embeddings.ModelId,
                    options.EmbeddingInterval);
            }
        }
    }

    private async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(options.EmbeddingTimeout);
        try
        {
            return await embeddings.EmbedAsync(texts, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"embedding model {embeddings.ModelId} did not embed {texts.Count} texts within {options.EmbeddingTimeout}", ex);
        }
    }

    private int Write(List<(long Rowid, string ItemId, string Principal, string Content)> stale, float[][] vectors)
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
            upsert.Parameters.AddWithValue("$dimensions", vector.Length);
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
