using Journal.Projections.Memory;
using Journal.Domain.Commands;
using Journal.Domain.Memory;
using Journal.Domain.Memory.UseCases;
using Journal.Domain.Tape;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Journal.Application.Memory;

/// <summary>
/// The retention pass: forgets, in this order, items whose time to live ran out, items older than
/// <see cref="MemoryRetentionPolicy.MaxAgeDays"/>, then per principal the oldest items beyond
/// <see cref="MemoryRetentionPolicy.MaxItems"/> and beyond <see cref="MemoryRetentionPolicy.MaxBytes"/>.
/// Forgetting is real (an event, then the payloads erased from the tape). Runs every
/// <see cref="MemoryOptions.RetentionInterval"/> on the injected clock, and on demand.
/// </summary>
public sealed class MemoryRetention(
    IAggregateStore aggregates,
    IEventStore tape,
    ProjectionDaemon daemon,
    ReadModelStore readModels,
    MemoryOptions options,
    TimeProvider time,
    ILogger<MemoryRetention> logger) : BackgroundService
{
    private const int BatchSize = 2000;
    private static readonly CommandContext Context = new(Actor: "journal.memory-retention");

    /// <summary>Applies the policy once, at the clock's current time; reports what it removed.</summary>
    public async Task<MemoryForgetReport> RunAsync(CancellationToken ct)
    {
        var policy = options.Retention;
        var removed = new List<MemoryRemoval>();
        var erased = 0;
        var position = 0L;
        var now = time.GetUtcNow();
        var rules = new List<(string Reason, string Sql, (string, object?) Parameter)>
        {
            (MemoryForgetReasons.Expired, MemorySql.SelectExpired, ("$now", now.ToUnixTimeMilliseconds())),
        };
        if (policy.MaxAgeDays is { } days)
        {
            rules.Add((MemoryForgetReasons.MaxAge, MemorySql.SelectOlderThan, ("$cutoff", now.AddDays(-days).ToUnixTimeMilliseconds())));
        }

        if (policy.MaxItems is { } maxItems)
        {
            rules.Add((MemoryForgetReasons.MaxItems, MemorySql.SelectOverCount, ("$max_items", (long)maxItems)));
        }

        if (policy.MaxBytes is { } maxBytes)
        {
            rules.Add((MemoryForgetReasons.MaxBytes, MemorySql.SelectOverBytes, ("$max_bytes", maxBytes)));
        }

        foreach (var (reason, sql, parameter) in rules)
        {
            while (true)
            {
                // Each rule reads the read model as the rules before left it.
                await daemon.CatchUpAsync(ct).ConfigureAwait(false);
                List<Guid> due;
                using (var connection = readModels.OpenReader())
                {
                    due = ReadModelQueries.Rows(connection, sql, r => r.GetId(0), parameter, ("$limit", BatchSize));
                }

                if (due.Count == 0)
                {
                    break;
                }

                var outcome = await MemoryForgetting.ForgetAsync(aggregates, tape, due, reason, new MemoryCommandCarrier { Context = Context }, now, ct).ConfigureAwait(false);
                removed.AddRange(outcome.Forgotten.Select(id => new MemoryRemoval(id, reason)));
                erased += outcome.ErasedPayloads;
                position = Math.Max(position, outcome.Position);
                if (outcome.Forgotten.Count == 0)
                {
                    // Forgotten on the tape already, not yet out of the read model: the next pass sees them gone.
                    break;
                }
            }
        }

        await daemon.CatchUpAsync(ct).ConfigureAwait(false);
        return new MemoryForgetReport(removed, erased, position);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.RetentionInterval == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.RetentionInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var report = await RunAsync(stoppingToken).ConfigureAwait(false);
                if (report.Removed.Count > 0)
                {
                    logger.LogInformation(
                        "memory retention forgot {Count} items ({Reasons}), erased {Erased} payloads",
                        report.Removed.Count,
                        string.Join(", ", report.Counts.Select(c => $"{c.Key}: {c.Value}")),
                        report.ErasedPayloads);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "memory retention pass failed; trying again at the next tick");
            }
        }
    }
}
