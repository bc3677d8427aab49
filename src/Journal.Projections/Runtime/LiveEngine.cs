using Journal.EventStore.Ports;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Runtime;

/// <summary>
/// The engine that keeps the current read models up to date, opened on first use, and the lock that
/// lets one caller at a time drive it (catch-up, resume, a rebuild's switch). Every batch it commits is
/// published to the <see cref="CheckpointBoard"/> and counted towards the next WAL checkpoint.
/// </summary>
internal sealed class LiveEngine(
    ITapeFeed tape,
    ReadModelStore readModels,
    IReadOnlyList<IProjection> projections,
    ProjectionOptions options,
    TimeProvider time,
    IProjectionFaults? faults,
    CheckpointBoard board) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly BackgroundCheckpointer _checkpointer = new(readModels.OpenReader, BackgroundCheckpointer.DefaultCommitsPerCheckpoint);
    private ProjectionEngine? _engine;
    private SqliteConnection? _connection;

    /// <summary>Brings every projection up to the tape's head; returns the lowest checkpoint of the running ones.</summary>
    public async Task<long> CatchUpAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var engine = Ensure();
            while (engine.RunBatch() > 0)
            {
                board.Publish(engine);
                _checkpointer.Committed();
                ct.ThrowIfCancellationRequested();
            }

            board.Publish(engine);
            return engine.Position;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Restarts a stopped projection, optionally skipping the event it stopped at.</summary>
    public async Task ResumeAsync(string name, bool skipPoison, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            Ensure().Resume(name, skipPoison);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Opens the read-model file and creates every projection's tables, once.</summary>
    public void EnsureStarted()
    {
        if (_engine is null)
        {
            _lock.Wait();
            try
            {
                Ensure();
            }
            finally
            {
                _lock.Release();
            }
        }
    }

    /// <summary>Takes the lock for a switch to another engine (<see cref="Retire"/>, <see cref="Adopt"/>); <see cref="Exit"/> lets go.</summary>
    public Task EnterAsync(CancellationToken ct) => _lock.WaitAsync(ct);

    /// <summary>Lets go of the lock taken by <see cref="EnterAsync"/>.</summary>
    public void Exit() => _lock.Release();

    /// <summary>Closes the current engine and its connection (under the lock, before its file is switched away).</summary>
    public void Retire()
    {
        _engine?.Dispose();
        _connection?.Dispose();
    }

    /// <summary>Makes <paramref name="engine"/> on <paramref name="connection"/> the live engine and publishes its checkpoints (under the lock).</summary>
    public void Adopt(ProjectionEngine engine, SqliteConnection connection)
    {
        (_engine, _connection) = (engine, connection);
        board.Publish(engine);
    }

    public void Dispose()
    {
        _checkpointer.Running.Wait(TimeSpan.FromSeconds(5));
        _engine?.Dispose();
        _connection?.Dispose();
        _lock.Dispose();
    }

    private ProjectionEngine Ensure()
    {
        if (_engine is not null)
        {
            return _engine;
        }

        // Published only once initialized: EnsureStarted reads _engine without the lock, and a caller that
        // saw it before the tables were created would query a file without them.
        var connection = readModels.OpenLiveWriter(readModels.Generation, BackgroundCheckpointer.BackstopPages);
        var engine = new ProjectionEngine(tape, connection, projections, options, time, faults);
        try
        {
            engine.Initialize();
        }
        catch
        {
            engine.Dispose();
            connection.Dispose();
            throw;
        }

        (_connection, _engine) = (connection, engine);
        board.Publish(engine);
        return engine;
    }
}
