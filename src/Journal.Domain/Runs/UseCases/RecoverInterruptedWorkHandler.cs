using System.Reflection;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using MediatR;

namespace Journal.Domain.Runs.UseCases;

/// <summary>
/// Crash recovery at start-up: fails every run a previous process left active (accepted or in
/// progress, never ended), marking it orphaned, and frees the session slot of each foreground one in
/// the same append. Running it again finds nothing to do.
/// </summary>
public sealed record RecoverInterruptedWorkRequest : ICommand
{
    /// <summary>The failure reason recorded on each orphaned run.</summary>
    public const string Reason = "the process stopped while the run was active";

    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>
/// Handles <see cref="RecoverInterruptedWorkRequest"/>. Answers with stream <c>recovery</c>, the
/// number of events appended and the highest position written (the tape head when nothing was).
/// </summary>
public sealed class RecoverInterruptedWorkHandler(IAggregateStore aggregates, IEventStore tape, TimeProvider time) : IRequestHandler<RecoverInterruptedWorkRequest, CommandResult>
{
    /// <summary>The stream name of the result.</summary>
    public const string ResultStream = "recovery";

    /// <summary>A run that ended between the scan and its save is simply seen ended on the next attempt.</summary>
    private const int Attempts = 3;

    private static readonly string[] OpeningTypes = [NameOf<RunAccepted>(), NameOf<RunStarted>()];
    private static readonly string[] ClosingTypes = [NameOf<RunSucceeded>(), NameOf<RunFailed>(), NameOf<RunCancelled>()];

    /// <inheritdoc />
    public async Task<CommandResult> Handle(RecoverInterruptedWorkRequest request, CancellationToken cancellationToken)
    {
        // Each run is saved on its own; an idempotency key would be recorded by the first save and
        // refuse the next ones. Recovery is idempotent by itself, so the key is left out.
        var perRun = request with { Context = request.Context with { IdempotencyKey = null } };
        var open = await aggregates.FindOpenStreamsAsync("run", OpeningTypes, ClosingTypes, cancellationToken);
        var written = 0;
        var position = 0L;
        foreach (var stream in open)
        {
            if (!Guid.TryParse(stream.Value.AsSpan("run-".Length), out var runId))
            {
                continue;
            }

            var result = await FailAsync(perRun, runId, cancellationToken);
            written += result.EventsWritten;
            if (result.EventsWritten > 0)
            {
                position = Math.Max(position, result.Position);
            }
        }

        if (written == 0)
        {
            position = (await tape.ReadHeadAsync(cancellationToken)).Seq;
        }

        return new CommandResult(ResultStream, 0, position, written);
    }

    private async Task<CommandResult> FailAsync(RecoverInterruptedWorkRequest request, Guid runId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var now = time.GetUtcNow();
                var run = await aggregates.LoadAsync<RunState, IRunEvent>(RunDecider.StreamFor(runId), RunDecider.Initial, RunDecider.Evolve, ct);
                if (!run.State.Exists)
                {
                    return new CommandResult(ResultStream, 0, 0, 0);
                }

                var failed = RunDecider.Decide(new FailOrphanedRun(runId, RecoverInterruptedWorkRequest.Reason, now), run.State);
                if (failed.Count == 0)
                {
                    return new CommandResult(ResultStream, 0, 0, 0);
                }

                var changes = await RunEnding.ChangesAsync(aggregates, run, failed, now, detachOnlyWhenAttached: true, ct);
                return await aggregates.SaveAsync(changes, request, ct);
            }
            catch (WrongExpectedVersionException) when (attempt < Attempts)
            {
                // Reload and decide again.
            }
        }
    }

    private static string NameOf<TEvent>() => typeof(TEvent).GetCustomAttribute<EventTypeAttribute>()!.Name;
}
