using System.Reflection;
using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Tape;
using MediatR;

namespace Journal.Domain.ToolJobs.UseCases;

/// <summary>
/// Crash recovery at start-up: every job left running fails as <c>interrupted</c>, each in its own
/// append. Running it again finds nothing left to do and writes nothing.
/// </summary>
public sealed record RecoverInterruptedToolJobsRequest : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>
/// Handles <see cref="RecoverInterruptedToolJobsRequest"/>. The answer's <see cref="CommandResult.Stream"/>
/// and <see cref="CommandResult.StreamVersion"/> are the first recovered job's (empty and 0 when none
/// was), <see cref="CommandResult.EventsWritten"/> the number of jobs failed and
/// <see cref="CommandResult.Position"/> the highest position of any job looked at.
/// </summary>
public sealed class RecoverInterruptedToolJobsHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<RecoverInterruptedToolJobsRequest, CommandResult>
{
    // A job that failed or timed out can be retried and run again, so only the terminal events close a
    // stream for good. The candidates therefore include jobs that ended in failure; their loaded state,
    // not the event types, tells which ones are still running.
    private static readonly string[] Opening = [NameOf<ToolJobStarted>()];
    private static readonly string[] Closing = [NameOf<ToolJobSucceeded>(), NameOf<ToolJobCancelled>()];

    /// <inheritdoc />
    public async Task<CommandResult> Handle(RecoverInterruptedToolJobsRequest request, CancellationToken cancellationToken)
    {
        // Each job is its own command; an idempotency key would be recorded by the first and replay its
        // result for the next ones. Recovery is idempotent by itself, so the key is left out.
        var perJob = request with { Context = request.Context with { IdempotencyKey = null } };
        var candidates = await aggregates.FindOpenStreamsAsync(ToolJobDecider.StreamFor(Guid.Empty).Category, Opening, Closing, cancellationToken);
        var now = time.GetUtcNow();
        CommandResult? first = null;
        var failed = 0;
        var position = 0L;
        foreach (var stream in candidates)
        {
            var result = await aggregates.ExecuteAsync(perJob, stream, async (load, ct) =>
            {
                var job = await load.LoadAsync(ToolJobDecider.Value, stream, ct);
                return job.State is { Exists: true, Status: ToolJobStatus.Running }
                    ? DeciderLoading.Changes(await load.DecideAsync(ToolJobDecider.Value, new RecoverInterruptedToolJob(job.State.JobId, now), ct))
                    : [];
            }, cancellationToken);
            position = Math.Max(position, result.Position);
            if (result.EventsWritten > 0)
            {
                first ??= result;
                failed++;
            }
        }

        return first is null
            ? new CommandResult(string.Empty, 0, position, 0)
            : first with { Position = position, EventsWritten = failed };
    }

    private static string NameOf<TEvent>() where TEvent : IToolJobEvent =>
        typeof(TEvent).GetCustomAttribute<EventTypeAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(TEvent).Name} has no [EventType] name");
}
