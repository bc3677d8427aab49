using System.Reflection;
using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using MediatR;

namespace Journal.Domain.ToolJobs.UseCases;

/// <summary>
/// Crash recovery at start-up: every job left running fails as <c>interrupted</c>, all in one append.
/// Running it again finds nothing left to do and writes nothing.
/// </summary>
public sealed record RecoverInterruptedToolJobsRequest : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>
/// Handles <see cref="RecoverInterruptedToolJobsRequest"/>. The answer's <see cref="CommandResult.Stream"/>
/// is the first recovered job's stream (empty when none was), and <see cref="CommandResult.EventsWritten"/>
/// the number of jobs failed.
/// </summary>
public sealed class RecoverInterruptedToolJobsHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<RecoverInterruptedToolJobsRequest, CommandResult>
{
    /// <summary>How often the sweep starts over when a job changed under it.</summary>
    private const int Attempts = 3;

    /// <inheritdoc />
    public async Task<CommandResult> Handle(RecoverInterruptedToolJobsRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RecoverAsync(request, cancellationToken);
            }
            catch (WrongExpectedVersionException) when (attempt < Attempts)
            {
                // A job moved between load and append (it finished, or wrote output): decide again on fresh state.
            }
        }
    }

    private async Task<CommandResult> RecoverAsync(RecoverInterruptedToolJobsRequest request, CancellationToken ct)
    {
        // A job that failed or timed out can be retried and run again, so only the terminal events close
        // a stream for good. The candidates therefore include jobs that ended in failure; their loaded
        // state, not the event types, tells which ones are still running.
        var category = ToolJobDecider.StreamFor(Guid.Empty).Category;
        var opening = new[] { NameOf<ToolJobStarted>() };
        var closing = new[] { NameOf<ToolJobSucceeded>(), NameOf<ToolJobCancelled>() };
        var candidates = await aggregates.FindOpenStreamsAsync(category, opening, closing, ct);

        var now = time.GetUtcNow();
        var changes = new List<AggregateChange>();
        var position = 0L;
        foreach (var stream in candidates)
        {
            var job = await aggregates.LoadAsync<ToolJobState, IToolJobEvent>(stream, ToolJobDecider.Initial, ToolJobDecider.Evolve, ct);
            position = Math.Max(position, job.Position);
            if (job.State is not { Exists: true, Status: ToolJobStatus.Running })
            {
                continue;
            }

            var failed = ToolJobDecider.Decide(new RecoverInterruptedToolJob(job.State.JobId, now), job.State);
            changes.Add(new AggregateChange(stream, job.Version, [.. failed], Fold.All(job.State, failed, ToolJobDecider.Evolve)));
        }

        return changes.Count == 0
            ? new CommandResult(string.Empty, 0, position, 0)
            : await aggregates.SaveAsync(changes, request, ct);
    }

    private static string NameOf<TEvent>() where TEvent : IToolJobEvent =>
        typeof(TEvent).GetCustomAttribute<EventTypeAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(TEvent).Name} has no [EventType] name");
}
