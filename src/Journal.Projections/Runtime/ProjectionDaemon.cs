using System.Diagnostics;
using Journal.EventStore;
using Journal.Projections.Sql;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Journal.Projections.Runtime;

/// <summary>
/// Runs the projections: catches up from their checkpoints, then goes live, woken at once by the
/// tape's stream of committed positions, with a slow poll as a fallback. Answers read-your-writes
/// waits, reports status and lag, and rebuilds read models blue/green.
/// </summary>
public sealed class ProjectionDaemon : BackgroundService
{
    private readonly SqliteEventStore _tape;
    private readonly ReadModelStore _readModels;
    private readonly IReadOnlyList<IProjection> _projections;
    private readonly ProjectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ProjectionDaemon> _logger;
    private readonly IProjectionFaults? _faults;
    private readonly SemaphoreSlim _engineLock = new(1, 1);
    private readonly SemaphoreSlim _rebuildLock = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ProjectionMetrics _metrics;
    private readonly BackgroundCheckpointer _checkpointer;
    private ProjectionEngine? _engine;
    private Microsoft.Data.Sqlite.SqliteConnection? _connection;
    private IReadOnlyDictionary<string, (long Position, bool Stopped, long LastEventAt)> _checkpoints = new Dictionary<string, (long, bool, long)>();

    /// <summary>Creates the daemon; nothing is opened until it starts or is first asked.</summary>
    public ProjectionDaemon(
        SqliteEventStore tape,
        ReadModelStore readModels,
        IEnumerable<IProjection> projections,
        ProjectionOptions options,
        TimeProvider time,
        ILogger<ProjectionDaemon> logger,
        IProjectionFaults? faults = null,
        System.Diagnostics.Metrics.IMeterFactory? meterFactory = null)
    {
        _tape = tape;
        _readModels = readModels;
        _projections = projections.ToList();
        _options = options;
        _time = time;
        _logger = logger;
        _faults = faults;
        _checkpointer = new BackgroundCheckpointer(readModels.OpenReader, BackgroundCheckpointer.DefaultCommitsPerCheckpoint);
        _metrics = new ProjectionMetrics(() => StatusAsync(CancellationToken.None).GetAwaiter().GetResult(), meterFactory);
        var duplicate = _projections.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two projections are named '{duplicate.Key}'");
        }
    }

    /// <summary>The projections, by name.</summary>
    public IReadOnlyList<string> Names => _projections.Select(p => p.Name).ToList();

    /// <summary>Brings every projection up to the tape's head; returns the lowest checkpoint of the running ones.</summary>
    public async Task<long> CatchUpAsync(CancellationToken ct)
    {
        await _engineLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var engine = EnsureEngine();
            while (engine.RunBatch() > 0)
            {
                Publish(engine);
                _checkpointer.Committed();
                ct.ThrowIfCancellationRequested();
            }

            Publish(engine);
            return engine.Position;
        }
        finally
        {
            _engineLock.Release();
        }
    }

    /// <summary>
    /// Waits until every projection in <paramref name="names"/> (all when null) has applied the tape up to
    /// <paramref name="position"/>, at most <see cref="ProjectionOptions.MaxWait"/>.
    /// </summary>
    /// <exception cref="StaleReadException">The projections did not get there in time (or one is stopped before it).</exception>
    public async Task WaitForAsync(long position, IReadOnlyCollection<string>? names, CancellationToken ct)
    {
        if (position <= 0)
        {
            return;
        }

        var deadline = _time.GetUtcNow() + _options.MaxWait;
        while (true)
        {
            var pulse = Volatile.Read(ref _pulse).Task;
            var reached = Reached(names);
            if (reached >= position)
            {
                return;
            }

            var remaining = deadline - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw new StaleReadException(position, reached);
            }

            _wake.Release();
            try
            {
                await pulse.WaitAsync(remaining, _time, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Checked once more at the top, then answered stale.
            }
        }
    }

    /// <summary>Checkpoint, state, lag and dead letters of every projection.</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(CancellationToken ct)
    {
        var head = await _tape.ReadHeadAsync(ct).ConfigureAwait(false);
        var headAt = head.Seq == 0 ? 0 : HeadRecordedAt(head.Seq);
        var dead = DeadLetters().GroupBy(d => d.Projection).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        EnsureCheckpoints();
        return _projections.Select(p =>
        {
            var (position, stopped, lastEventAt) = _checkpoints.TryGetValue(p.Name, out var c) ? c : (0, false, 0);
            var lagEvents = Math.Max(0, head.Seq - position);
            return new ProjectionStatus(p.Name, position, stopped ? "stopped" : "running", lagEvents, lagEvents == 0 ? 0 : Math.Max(0, headAt - lastEventAt), dead.GetValueOrDefault(p.Name));
        }).ToList();
    }

    /// <summary>Every dead letter recorded in the current read models.</summary>
    public IReadOnlyList<DeadLetter> DeadLetters()
    {
        using var connection = _readModels.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = RuntimeSql.SelectDeadLetters;
        try
        {
            using var reader = command.ExecuteReader();
            var letters = new List<DeadLetter>();
            while (reader.Read())
            {
                letters.Add(new DeadLetter(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt64(6)));
            }

            return letters;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // Not initialised yet: no dead letters.
            return [];
        }
    }

    /// <summary>Restarts a stopped projection, optionally skipping the event it stopped at.</summary>
    public async Task ResumeAsync(string name, bool skipPoison, CancellationToken ct)
    {
        await _engineLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            EnsureEngine().Resume(name, skipPoison);
        }
        finally
        {
            _engineLock.Release();
        }

        _wake.Release();
    }

    /// <summary>
    /// Rebuilds read models blue/green: replays the tape into a new generation file while queries keep
    /// reading the current one, then switches atomically. With <paramref name="only"/>, the other
    /// projections are copied as they are and only that one is replayed. Cancelling or failing leaves the
    /// current read models untouched.
    /// </summary>
    public async Task<RebuildResult> RebuildAsync(string? only, IProgress<RebuildProgress>? progress, CancellationToken ct)
    {
        if (only is not null && _projections.All(p => p.Name != only))
        {
            throw new Domain.Errors.NotFoundException("projection", only);
        }

        await _rebuildLock.WaitAsync(ct).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var generation = _readModels.Generation + 1;
        Microsoft.Data.Sqlite.SqliteConnection? connection = null;
        ProjectionEngine? engine = null;
        var switched = false;
        try
        {
            _readModels.Delete(generation);
            if (only is not null)
            {
                await CatchUpAsync(ct).ConfigureAwait(false);
                CopyCurrentInto(generation, only);
            }

            connection = _readModels.OpenBulkWriter(generation);
            engine = new ProjectionEngine(_tape, connection, _projections, _options, _time, null) { BatchSize = Math.Max(_options.BatchSize, _options.RebuildBatchSize) };
            engine.Initialize();
            engine.BeginReplay();
            var start = engine.Position;
            var total = Math.Max(0, (await _tape.ReadHeadAsync(ct).ConfigureAwait(false)).Seq - start);
            long done = 0;
            int count;
            while ((count = engine.RunBatch()) > 0)
            {
                ct.ThrowIfCancellationRequested();
                done += count;
                Report(progress, done, Math.Max(total, done), clock.Elapsed);
            }

            await _engineLock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                while ((count = engine.RunBatch()) > 0)
                {
                    done += count;
                }

                engine.FinishReplay();
                _readModels.Seal(connection, generation);
                engine.BatchSize = _options.BatchSize;
                _engine?.Dispose();
                _connection?.Dispose();
                _readModels.Switch(generation);
                switched = true;
                (_engine, _connection) = (engine, connection);
                Publish(engine);
            }
            finally
            {
                _engineLock.Release();
            }

            Report(progress, done, Math.Max(total, done), clock.Elapsed);
            _logger.LogInformation("Rebuilt {Projections} from {Events} events in {Elapsed} (generation {Generation})", only ?? "every projection", done, clock.Elapsed, generation);
            return new RebuildResult(only is null ? Names : [only], done, clock.Elapsed, generation);
        }
        finally
        {
            if (!switched)
            {
                engine?.Dispose();
                connection?.Dispose();
                _readModels.Delete(generation);
            }

            _rebuildLock.Release();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _metrics.Dispose();
        _checkpointer.Running.Wait(TimeSpan.FromSeconds(5));
        _engine?.Dispose();
        _connection?.Dispose();
        _engineLock.Dispose();
        _rebuildLock.Dispose();
        _wake.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = _tape.Committed.Subscribe(_ => _wake.Release());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CatchUpAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "projection catch-up failed; retrying after the poll interval");
            }

            try
            {
                await _wake.WaitAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // Many commits may have woken us; one catch-up covers them all.
            while (_wake.CurrentCount > 0 && _wake.Wait(0, CancellationToken.None))
            {
            }
        }
    }

    private ProjectionEngine EnsureEngine()
    {
        if (_engine is not null)
        {
            return _engine;
        }

        _connection = _readModels.OpenLiveWriter(_readModels.Generation, BackgroundCheckpointer.BackstopPages);
        _engine = new ProjectionEngine(_tape, _connection, _projections, _options, _time, _faults);
        _engine.Initialize();
        Publish(_engine);
        return _engine;
    }

    /// <summary>Opens the read-model file and creates every projection's tables, once (queries call it before reading).</summary>
    public void EnsureInitialized() => EnsureCheckpoints();

    private void EnsureCheckpoints()
    {
        if (_engine is null)
        {
            _engineLock.Wait();
            try
            {
                EnsureEngine();
            }
            finally
            {
                _engineLock.Release();
            }
        }
    }

    private long Reached(IReadOnlyCollection<string>? names)
    {
        EnsureCheckpoints();
        var checkpoints = _checkpoints;
        IEnumerable<long> positions = names is null
            ? checkpoints.Values.Select(c => c.Position)
            : names.Select(n => checkpoints.TryGetValue(n, out var c) ? c.Position : 0L);
        return positions.DefaultIfEmpty(long.MaxValue).Min();
    }

    private void Publish(ProjectionEngine engine)
    {
        _checkpoints = engine.Checkpoints.ToDictionary(c => c.Name, c => (c.Position, c.Stopped, c.LastEventAt), StringComparer.Ordinal);
        Interlocked.Exchange(ref _pulse, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private long HeadRecordedAt(long seq) => _tape.ReadPage(seq, 1) is [var head] ? head.RecordedAt : 0;

    private void CopyCurrentInto(int generation, string only)
    {
        _readModels.CopyCurrentInto(generation);
        using var target = _readModels.OpenWriter(generation);
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
