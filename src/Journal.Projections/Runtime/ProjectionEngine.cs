using Journal.EventStore.Ports;
using Journal.EventStore.Schema;
using Journal.Projections.Sql;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Runtime;

/// <summary>
/// Applies the tape to a set of projections in one read-model file: reads a batch once, hands each
/// event to every projection that handles it and has not seen it, and commits the read-model writes
/// and every checkpoint in one transaction (see <see cref="BatchApply"/>).
/// </summary>
internal sealed class ProjectionEngine : IDisposable
{
    private readonly ITapeFeed _tape;
    private readonly ReadModelWriter _db;
    private readonly List<ProjectionCursor> _cursors;
    private readonly TimeProvider _time;
    private readonly CheckpointTable _checkpoints;
    private readonly BatchApply _apply;
    private readonly ReadAhead _readAhead = new();
    private readonly DeferredIndexes _indexes;

    public ProjectionEngine(ITapeFeed tape, SqliteConnection connection, IReadOnlyList<IProjection> projections, ProjectionOptions options, TimeProvider time, IProjectionFaults? faults)
    {
        _tape = tape;
        _db = new ReadModelWriter(connection);
        _cursors = projections.Select(p => new ProjectionCursor(p, new HashSet<string>(p.EventTypes, StringComparer.Ordinal))).ToList();
        _time = time;
        _checkpoints = new CheckpointTable(_db, time);
        _apply = new BatchApply(_db, tape.Serializer, _checkpoints, new DeadLetterLog(_db, options, time), faults);
        BatchSize = options.BatchSize;
        _indexes = new DeferredIndexes(_db);
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
        InTransaction(() => _checkpoints.Load(_cursors));
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

        InTransaction(() => _checkpoints.Save(cursor));
    }

    /// <summary>
    /// Starts a rebuild's replay: every running projection still at the start of the tape (its tables are
    /// empty) applies with <see cref="ReadModelWriter.Replaying"/> set until <see cref="FinishReplay"/>.
    /// Projections copied from the current generation (a rebuild of one projection) are not replaying.
    /// The replaying projections' ordinary indexes are dropped until <see cref="FinishReplay"/> (see <see cref="DeferredIndexes"/>).
    /// </summary>
    public void BeginReplay()
    {
        foreach (var cursor in _cursors)
        {
            cursor.Replaying = cursor.Position == 0 && !cursor.Stopped;
        }

        InTransaction(() =>
        {
            foreach (var cursor in _cursors.Where(c => c.Replaying))
            {
                _indexes.Drop(cursor.Projection.Name);
            }
        });
    }

    /// <summary>
    /// Ends the replay: makes the indexes dropped at its start again and runs every replaying
    /// <see cref="IReplayFinisher"/>, in one transaction, then applies live.
    /// </summary>
    public void FinishReplay()
    {
        var replayed = _cursors.Where(c => c.Replaying).ToList();
        InTransaction(() =>
        {
            _indexes.Restore();
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

        using var span = ProjectionTracing.StartBatch(_tape, batch.Events, running.Count);
        try
        {
            _apply.Apply(batch, running);
        }
        catch (Exception ex)
        {
            span.Failed(ex);
            throw;
        }

        return batch.Events.Count;
    }

    public void Dispose()
    {
        _readAhead.Dispose();
        _db.Dispose();
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
}
