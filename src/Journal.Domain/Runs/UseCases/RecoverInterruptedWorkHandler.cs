using System.Reflection;
using Journal.Domain.Commands;
using Journal.Domain.Deciding;
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

    private static readonly string[] OpeningTypes = [NameOf<RunAccepted>(), NameOf<RunStarted>()];
    private static readonly string[] ClosingTypes = [NameOf<RunSucceeded>(), NameOf<RunFailed>(), NameOf<RunCancelled>()];

    /// <inheritdoc />
    public async Task<CommandResult> Handle(RecoverInterruptedWorkRequest request, CancellationToken cancellationToken)
    {
        // Each run is its own command; an idempotency key would be recorded by the first and replay its
        // result for the next ones. Recovery is idempotent by itself, so the key is left out.
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

            var result = await FailAsync(perRun, new FailOrphanedRun(runId, RecoverInterruptedWorkRequest.Reason, time.GetUtcNow()), cancellationToken);
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

    /// <summary>
    /// Fails one orphaned run and frees its session's slot. A run whose state does not load (its
    /// payloads erased, say) is skipped rather than refused: recovery must not stop at one odd stream.
    /// </summary>
    private Task<CommandResult> FailAsync(RecoverInterruptedWorkRequest request, FailOrphanedRun orphaned, CancellationToken ct) =>
        aggregates.ExecuteAsync(request, RunDecider.Value.Stream(orphaned), async (load, token) =>
            (await load.LoadAsync(RunDecider.Value, RunDecider.Value.Stream(orphaned), token)).State.Exists
                ? await RunEnding.DecideAsync(load, orphaned, detachOnlyWhenAttached: true, token)
                : [], ct);

    private static string NameOf<TEvent>() => typeof(TEvent).GetCustomAttribute<EventTypeAttribute>()!.Name;
}
