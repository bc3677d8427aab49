using Journal.EventStore.Ports;
using System.Diagnostics;
using Journal.Projections.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Journal.Projections.Runtime;

/// <summary>
/// Rebuilds read models blue/green: replays the tape into a new generation file while queries keep
/// reading the current one, then switches the live engine to it atomically. One rebuild at a time.
/// </summary>
internal sealed class BlueGreenRebuild(
    ITapeFeed tape,
    ReadModelStore readModels,
    IReadOnlyList<IProjection> projections,
    ProjectionOptions options,
    TimeProvider time,
    LiveEngine live,
    ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>
    /// Replays every projection, or only <paramref name="only"/> (the others copied as they are), into the
    /// next generation and switches to it. Cancelling or failing leaves the current read models untouched.
    /// </summary>
    public async Task<RebuildResult> RunAsync(string? only, IProgress<RebuildProgress>? progress, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var generation = readModels.Generation + 1;
        SqliteConnection? connection = null;
        ProjectionEngine? engine = null;
        var switched = false;
        try
        {
            readModels.Delete(generation);
            if (only is not null)
            {
                await live.CatchUpAsync(ct).ConfigureAwait(false);
                CopyCurrentInto(generation, only);
            }

            connection = readModels.OpenBulkWriter(generation);
            engine = new ProjectionEngine(tape, connection, projections, options, time, null) { BatchSize = Math.Max(options.BatchSize, options.RebuildBatchSize) };
            engine.Initialize();
            engine.BeginReplay();
            var start = engine.Position;
            var total = Math.Max(0, (await tape.ReadHeadAsync(ct).ConfigureAwait(false)).Seq - start);
            long done = 0;
            int count;
            var heap = RebuildHeapGuard.ForProcess(options.RebuildHeapBytes);
            while ((count = engine.RunBatch()) > 0)
            {
                ct.ThrowIfCancellationRequested();
                heap.AfterBatch();
                done += count;
                Report(progress, done, Math.Max(total, done), clock.Elapsed);
            }

            await live.EnterAsync(ct).ConfigureAwait(false);
            try
            {
                while ((count = engine.RunBatch()) > 0)
                {
                    done += count;
                }

                engine.FinishReplay();
                readModels.Seal(connection, generation);
                engine.BatchSize = options.BatchSize;
                live.Retire();
                readModels.Switch(generation);
                switched = true;
                live.Adopt(engine, connection);
            }
            finally
            {
                live.Exit();
            }

            Report(progress, done, Math.Max(total, done), clock.Elapsed);
            logger.LogInformation("Rebuilt {Projections} from {Events} events in {Elapsed} (generation {Generation})", only ?? "every projection", done, clock.Elapsed, generation);
            return new RebuildResult(only is null ? projections.Select(p => p.Name).ToList() : [only], done, clock.Elapsed, generation);
        }
        finally
        {
            if (!switched)
            {
                engine?.Dispose();
                connection?.Dispose();
                readModels.Delete(generation);
            }

            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>Copies the current generation into <paramref name="generation"/> without <paramref name="only"/>'s tables, checkpoint and dead letters.</summary>
    private void CopyCurrentInto(int generation, string only)
    {
        readModels.CopyCurrentInto(generation);
        using var target = readModels.OpenWriter(generation);
        using var transaction = target.BeginTransaction(deferred: false);
        var prefix = ProjectionNames.TablePrefix(only);
        using var tables = target.CreateCommand();
        tables.Transaction = transaction;
        tables.CommandText = RuntimeSql.SelectTables;
        var names = new List<string>();
        using (var reader = tables.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var table in names.Where(t => t.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var drop = target.CreateCommand();
            drop.Transaction = transaction;
            drop.CommandText = $"DROP TABLE IF EXISTS \"{table}\"";
            drop.ExecuteNonQuery();
        }

        using var reset = target.CreateCommand();
        reset.Transaction = transaction;
        reset.CommandText = RuntimeSql.DeleteCheckpoint + RuntimeSql.DeleteDeadLetters;
        reset.Parameters.AddWithValue("$name", only);
        reset.ExecuteNonQuery();
        transaction.Commit();
    }

    private static void Report(IProgress<RebuildProgress>? progress, long done, long total, TimeSpan elapsed)
    {
        if (progress is null)
        {
            return;
        }

        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        var remaining = rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : TimeSpan.Zero;
        progress.Report(new RebuildProgress(done, total, rate, remaining));
    }
}
