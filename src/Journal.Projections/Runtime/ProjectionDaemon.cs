using Journal.EventStore.Ports;
using Journal.EventStore;
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
    private readonly ReadModelStore _readModels;
    private readonly IReadOnlyList<IProjection> _projections;
    private readonly ProjectionOptions _options;
    private readonly TimeProvider _time;
    private readonly CheckpointBoard _board = new();
    private readonly LiveEngine _live;
    private readonly WakeLoop _loop;
    private readonly StatusReport _status;
    private readonly BlueGreenRebuild _rebuild;
    private readonly ProjectionMetrics _metrics;

    /// <summary>Creates the daemon; nothing is opened until it starts or is first asked.</summary>
    public ProjectionDaemon(
        ITapeFeed tape,
        ReadModelStore readModels,
        IEnumerable<IProjection> projections,
        ProjectionOptions options,
        TimeProvider time,
        ILogger<ProjectionDaemon> logger,
        IProjectionFaults? faults = null,
        System.Diagnostics.Metrics.IMeterFactory? meterFactory = null)
    {
        _readModels = readModels;
        _projections = projections.ToList();
        _options = options;
        _time = time;
        _live = new LiveEngine(tape, readModels, _projections, options, time, faults, _board);
        _loop = new WakeLoop(tape, _live, options, logger);
        _status = new StatusReport(tape, readModels, _projections, _live, _board);
        _rebuild = new BlueGreenRebuild(tape, readModels, _projections, options, time, _live, logger);
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
    public Task<long> CatchUpAsync(CancellationToken ct) => _live.CatchUpAsync(ct);

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
            var pulse = _board.Pulse;
            _live.EnsureStarted();
            var reached = _board.Reached(names);
            if (reached >= position)
            {
                return;
            }

            var remaining = deadline - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw new StaleReadException(position, reached);
            }

            _loop.Wake();
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
    /// <remarks>
    /// Before the daemon's first catch-up (the lag sampler's first sample races the start) it first makes the
    /// read models' file and tables, as a query does, so it answers rather than failing to open the file.
    /// </remarks>
    public Task<IReadOnlyList<ProjectionStatus>> StatusAsync(CancellationToken ct)
    {
        EnsureInitialized();
        return _status.ReadAsync(ct);
    }

    /// <summary>Every dead letter recorded in the current read models.</summary>
    public IReadOnlyList<DeadLetter> DeadLetters()
    {
        EnsureInitialized();
        return DeadLetterLog.ReadAll(_readModels);
    }

    /// <summary>Restarts a stopped projection, optionally skipping the event it stopped at.</summary>
    public async Task ResumeAsync(string name, bool skipPoison, CancellationToken ct)
    {
        await _live.ResumeAsync(name, skipPoison, ct).ConfigureAwait(false);
        _loop.Wake();
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

        return await _rebuild.RunAsync(only, progress, ct).ConfigureAwait(false);
    }

    /// <summary>Opens the read-model file and creates every projection's tables, once (queries call it before reading).</summary>
    public void EnsureInitialized() => _live.EnsureStarted();

    /// <inheritdoc />
    public override void Dispose()
    {
        _metrics.Dispose();
        _live.Dispose();
        _rebuild.Dispose();
        _loop.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _loop.RunAsync(stoppingToken);
}
