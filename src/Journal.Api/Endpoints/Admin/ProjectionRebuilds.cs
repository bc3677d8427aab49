using Journal.Domain.Errors;
using Journal.Projections.Runtime;

namespace Journal.Api.Endpoints.Admin;

/// <summary>
/// Runs one blue/green projection rebuild at a time in the background (queries keep being served
/// from the current read models meanwhile) and reports how far it got.
/// </summary>
public sealed class ProjectionRebuilds(ProjectionDaemon daemon, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<ProjectionRebuilds> logger)
{
    private readonly Lock _gate = new();
    private RebuildStatus _status = RebuildStatus.Idle;
    private Task _running = Task.CompletedTask;

    /// <summary>Where the current or last rebuild stands.</summary>
    public RebuildStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>The running rebuild (a completed task when none runs).</summary>
    public Task Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Starts rebuilding <paramref name="projection"/> (every projection when null).</summary>
    /// <exception cref="NotFoundException"><c>projection.not_found</c>.</exception>
    /// <exception cref="RuleViolationException"><c>projection.rebuild_conflict</c>: a rebuild is running.</exception>
    public RebuildStatus Start(string? projection)
    {
        if (projection is not null && !daemon.Names.Contains(projection, StringComparer.Ordinal))
        {
            throw new NotFoundException("projection", projection);
        }

        lock (_gate)
        {
            if (_status.State == "running")
            {
                throw new RuleViolationException("projection.rebuild_conflict", "a rebuild is running already; wait for it to finish");
            }

            _status = new RebuildStatus("running", projection, time.GetUtcNow(), null, null, null, null);
            _running = Task.Run(() => RunAsync(projection));
            return _status;
        }
    }

    private async Task RunAsync(string? projection)
    {
        var progress = new Progress<RebuildProgress>(p => Update(s => s with { Progress = p }));
        try
        {
            var result = await daemon.RebuildAsync(projection, progress, lifetime.ApplicationStopping);
            Update(s => s with { State = "succeeded", FinishedAt = time.GetUtcNow(), Result = result });
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Rebuild of {Projection} failed", projection ?? "every projection");
            var error = ex is JournalException journal ? journal.Message : "the rebuild failed; see the service log";
            Update(s => s with { State = "failed", FinishedAt = time.GetUtcNow(), Error = error });
        }
    }

    private void Update(Func<RebuildStatus, RebuildStatus> change)
    {
        lock (_gate)
        {
            _status = change(_status);
        }
    }
}

/// <summary>Where a rebuild stands.</summary>
/// <param name="State"><c>idle</c> (none yet), <c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Projection">The projection rebuilt; null for all.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Progress">Events replayed so far, of how many, and the rate.</param>
/// <param name="Result">What it did, once succeeded.</param>
/// <param name="Error">Why it failed.</param>
public sealed record RebuildStatus(string State, string? Projection, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, RebuildProgress? Progress, RebuildResult? Result, string? Error)
{
    /// <summary>No rebuild yet.</summary>
    public static RebuildStatus Idle { get; } = new("idle", null, null, null, null, null, null);
}
