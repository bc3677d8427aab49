using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Schema;
using Journal.Projections.Sql;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Runtime;

/// <summary>
/// Applies the tape to a set of projections in one read-model file: reads a batch once, hands each
/// event to every projection that handles it and has not seen it, and commits the read-model writes
/// and every checkpoint in one transaction. A batch that fails is redone event by event under
/// savepoints, so that one poison event becomes a dead letter instead of blocking everything.
/// </summary>
internal sealed class ProjectionEngine : IDisposable
{
    private readonly SqliteEventStore _tape;
    private readonly ReadModelWriter _db;
    private readonly List<Cursor> _cursors;
    private readonly ProjectionOptions _options;
    private readonly TimeProvider _time;
    private readonly IProjectionFaults? _faults;
    private readonly ReadAhead _readAhead = new();

    public ProjectionEngine(SqliteEventStore tape, SqliteConnection connection, IReadOnlyList<IProjection> projections, ProjectionOptions options, TimeProvider time, IProjectionFaults? faults)
    {
        _tape = tape;
        _db = new ReadModelWriter(connection);
        _cursors = projections.Select(p => new Cursor(p, new HashSet<string>(p.EventTypes, StringComparer.Ordinal))).ToList();
        _options = options;
        _time = time;
        _faults = faults;
        BatchSize = options.BatchSize;
    }

    public SqliteConnection Connection => _db.Connection;

    /// <summary>Events per batch (the options' batch size unless a rebuild sets its own).</summary>
    public int BatchSize { get; set; }

    /// <summary>Checkpoints of every projection.</summary>
    public IReadOnlyList<(string Name, long Position, bool Stopped, long LastEventAt)> Checkpoints =>
        _cursors.Select(c => (c.Projection.Name, c.Position, c.Stopped, c.LastEventAt)).ToList();

    /// <summary>The lowest checkpoint among running projections (the head when all are stopped).</summary>
    public long Position => _cursors.Where(c => !c.Stopped).Select(c => c.Position).DefaultIfEmpty(long.MaxValue).Min();

    /// <summary>Creates the runtime tables and each projection's tables, drops tables of versions no longer registered, loads checkpoints.</summary>
    public void Initialize()
    {
        Migrator.Migrate(_db.Connection, MigrationSet.FromAssembly(typeof(ProjectionSql).Assembly, "Journal.Projections.Sql.Migrations."), _time);
        InTransaction(LoadCheckpoints);
    }

    /// <summary>Drops stale tables, creates each projection's tables and loads (or first saves) every checkpoint.</summary>
    private void LoadCheckpoints()
    {
        DropStaleTables();
        var stored = _db.Query(RuntimeSql.SelectCheckpoints, r => (Name: r.GetString(0), Position: r.GetInt64(1), Stopped: r.GetString(2) == "stopped", LastEventAt: r.GetInt64(3)))
            .ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var cursor in _cursors)
        {
            cursor.Projection.Create(_db);
            if (stored.TryGetValue(cursor.Projection.Name, out var checkpoint))
            {
                cursor.Position = checkpoint.Position;
                cursor.Stopped = checkpoint.Stopped;
                cursor.LastEventAt = checkpoint.LastEventAt;
            }
            else
            {
                SaveCheckpoint(cursor);
            }
        }

        foreach (var name in stored.Keys.Where(n => _cursors.All(c => c.Projection.Name != n)))
        {
            _db.Execute(RuntimeSql.DeleteCheckpoint, ("$name", name));
        }
    }

    /// <summary>Restarts a stopped projection at the event after its dead letter (an operator's decision).</summary>
    public void Resume(string name, bool skipPoison)
    {
        var cursor = _cursors.Single(c => c.Projection.Name == name);
        cursor.Stopped = false;
        if (skipPoison)
        {
            cursor.Position++;
        }

        InTransaction(() => SaveCheckpoint(cursor));
    }

    /// <summary>
    /// Starts a rebuild's replay: every running projection still at the start of the tape (its tables are
    /// empty) applies with <see cref="ReadModelWriter.Replaying"/> set until <see cref="FinishReplay"/>.
    /// Projections copied from the current generation (a rebuild of one projection) are not replaying.
    /// </summary>
    public void BeginReplay()
    {
        foreach (var cursor in _cursors)
        {
            cursor.Replaying = cursor.Position == 0 && !cursor.Stopped;
        }
    }

    /// <summary>Ends the replay: runs every replaying <see cref="IReplayFinisher"/> in one transaction, then applies live.</summary>
    public void FinishReplay()
    {
        var replayed = _cursors.Where(c => c.Replaying).ToList();
        InTransaction(() =>
        {
            foreach (var cursor in replayed)
            {
                (cursor.Projection as IReplayFinisher)?.FinishReplay(_db);
            }
        });
        foreach (var cursor in replayed)
        {
            cursor.Replaying = false;
        }
    }

    /// <summary>Applies the next batch of the tape; returns how many tape events it covered (0 when caught up).</summary>
    public int RunBatch()
    {
        var running = _cursors.Where(c => !c.Stopped).ToList();
        if (running.Count == 0)
        {
            return 0;
        }

        var from = running.Min(c => c.Position) + 1;
        var batch = _readAhead.Take(from) ?? ReadBatch.Read(_tape, from, BatchSize, null);
        if (batch.Events.Count == 0)
        {
            return 0;
        }

        // A full batch means the projections are behind: read and decode the next one on another
        // core while this one is applied (the read model's writes are the single-threaded part).
        if (batch.Events.Count == BatchSize)
        {
            _readAhead.Start(_tape, batch.Events[^1].Seq + 1, BatchSize, running.SelectMany(c => c.Types).ToHashSet(StringComparer.Ordinal));
        }

        try
        {
            Commit(batch, running, tolerant: false);
        }
        catch (ProjectionApplyException)
        {
            foreach (var cursor in running)
            {
                cursor.Restore();
            }

            // The redo decodes afresh, so no projection sees a payload object the failed attempt touched.
            batch.ForgetDecoded();
            Commit(batch, running, tolerant: true);
        }

        return batch.Events.Count;
    }

    public void Dispose()
    {
        _readAhead.Dispose();
        _db.Dispose();
    }

    private void Commit(ReadBatch batch, List<Cursor> running, bool tolerant)
    {
        foreach (var cursor in running)
        {
            cursor.Mark();
        }

        using var transaction = _db.Connection.BeginTransaction(deferred: false);
        _db.Transaction = transaction;
        _db.DeferWrites = !tolerant;
        try
        {
            for (var i = 0; i < batch.Events.Count; i++)
            {
                var recorded = batch.Events[i];
                foreach (var cursor in running)
                {
                    if (cursor.Stopped || cursor.Position >= recorded.Seq)
                    {
                        continue;
                    }

                    if (cursor.Types.Contains(recorded.EventType))
                    {
                        Apply(cursor, batch, i, tolerant, transaction);
                    }

                    if (!cursor.Stopped)
                    {
                        cursor.Position = recorded.Seq;
                        cursor.LastEventAt = recorded.RecordedAt;
                    }
                }
            }

            if (!tolerant)
            {
                try
                {
                    _db.FlushDeferred();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Redone event by event (nothing deferred), which finds the event that cannot be written.
                    throw new ProjectionApplyException(ex);
                }
            }

            foreach (var cursor in running)
            {
                SaveCheckpoint(cursor);
            }

            _faults?.BeforeCommit(batch.Events[^1].Seq);
            transaction.Commit();
        }
        catch
        {
            _db.Discard();
            foreach (var cursor in running)
            {
                cursor.Restore();
            }

            throw;
        }
        finally
        {
            _db.DeferWrites = false;
            _db.Transaction = null;
        }

        _db.TrimCaches();
    }

    private void Apply(Cursor cursor, ReadBatch batch, int index, bool tolerant, SqliteTransaction transaction)
    {
        var recorded = batch.Events[index];
        _db.Replaying = cursor.Replaying;
        if (!tolerant)
        {
            try
            {
                cursor.Projection.Apply(_db, batch.Projected(index, _tape.Serializer));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new ProjectionApplyException(ex);
            }

            return;
        }

        const string savepoint = "projection_event";
        transaction.Save(savepoint);
        try
        {
            cursor.Projection.Apply(_db, batch.Projected(index, _tape.Serializer));
            transaction.Release(savepoint);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            transaction.Rollback(savepoint);
            _db.InvalidateCaches();
            var stop = _options.PoisonPolicy == PoisonPolicy.Stop;
            _db.Execute(
                RuntimeSql.InsertDeadLetter,
                ("$projection", cursor.Projection.Name),
                ("$seq", recorded.Seq),
                ("$event_id", recorded.EventId.ToString()),
                ("$event_type", recorded.EventType),
                ("$error", $"{ex.GetType().Name}: {ex.Message}"),
                ("$action", stop ? "stopped" : "skipped"),
                ("$recorded_at", _time.GetUtcNow().ToUnixTimeMilliseconds()));
            if (stop)
            {
                cursor.Stopped = true;
                cursor.Position = recorded.Seq - 1;
            }
        }
    }

    /// <summary>Runs <paramref name="body"/> in one immediate transaction on the read-model writer.</summary>
    private void InTransaction(Action body)
    {
        using var transaction = _db.Connection.BeginTransaction(deferred: false);
        _db.Transaction = transaction;
        try
        {
            body();
            transaction.Commit();
        }
        finally
        {
            _db.Transaction = null;
        }
    }

    private void SaveCheckpoint(Cursor cursor) => _db.Execute(
        RuntimeSql.UpsertCheckpoint,
        ("$name", cursor.Projection.Name),
        ("$position", cursor.Position),
        ("$state", cursor.Stopped ? "stopped" : "running"),
        ("$last_event_at", cursor.LastEventAt),
        ("$updated_at", _time.GetUtcNow().ToUnixTimeMilliseconds()));

    private void DropStaleTables()
    {
        var prefixes = _cursors.Select(c => ProjectionNames.TablePrefix(c.Projection.Name)).ToList();
        var tables = _db.Query(RuntimeSql.SelectTables, r => r.GetString(0));
        foreach (var table in tables)
        {
            var owned = table.StartsWith("projection_", StringComparison.Ordinal) || table == "schema_migrations"
                || prefixes.Any(p => table.StartsWith(p, StringComparison.Ordinal));

            // FTS5 shadow tables go with their virtual table; dropping one twice is harmless.
            if (!owned && tables.Contains(table))
            {
                _db.ExecuteScript($"DROP TABLE IF EXISTS \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
            }
        }
    }

    private sealed class Cursor(IProjection projection, HashSet<string> types)
    {
        private (long Position, bool Stopped, long LastEventAt) _mark;

        public IProjection Projection { get; } = projection;

        public HashSet<string> Types { get; } = types;

        public long Position { get; set; }

        public bool Stopped { get; set; }

        /// <summary>Replaying the tape into empty tables during a rebuild (see <see cref="IReplayFinisher"/>).</summary>
        public bool Replaying { get; set; }

        public long LastEventAt { get; set; }

        public void Mark() => _mark = (Position, Stopped, LastEventAt);

        public void Restore() => (Position, Stopped, LastEventAt) = _mark;
    }

    private sealed class ProjectionApplyException(Exception inner) : Exception(inner.Message, inner);
}
