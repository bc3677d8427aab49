using Journal.Domain.ToolJobs;
using Journal.Projections.Runtime;
using static Journal.Projections.Shared.ReadModelValues;

namespace Journal.Projections.ToolJobs;

/// <summary>
/// The one fold of a tool job's read model, pure: the projection applies it to the stored row, time
/// travel to the job's stream read from the tape.
/// </summary>
public static class ToolJobFold
{
    /// <summary>Applies one event's payload; null (no job yet) stays null until the job is queued.</summary>
    public static ToolJobView? Evolve(ToolJobView? view, object? @event) => @event switch
    {
        ToolJobQueued e => new ToolJobView(
            new ToolJobRow(e.JobId, e.SessionId, e.RunId, e.ToolName, e.Arguments, ToolJobStatus.Queued, 1, null, null, false, Truncate(e.At), null, null, 0, 0, 0),
            []),
        _ when view is null => null,
        ToolJobStarted e => view with { Job = view.Job with { Status = ToolJobStatus.Running, Attempt = e.Attempt, StartedAt = Truncate(e.At) } },
        ToolJobOutputAppended e => AddToTail(view, e),
        ToolJobSucceeded e => view with { Job = Ended(view.Job, ToolJobStatus.Succeeded, e.At) with { ExitCode = e.ExitCode } },
        ToolJobFailed e => view with
        {
            Job = Ended(view.Job, ToolJobStatus.Failed, e.At) with { ExitCode = e.ExitCode, FailureReason = e.Reason, Interrupted = e.Interrupted },
        },
        ToolJobCancelled e => view with { Job = Ended(view.Job, ToolJobStatus.Cancelled, e.At) with { FailureReason = e.Reason } },
        ToolJobTimedOut e => view with { Job = Ended(view.Job, ToolJobStatus.TimedOut, e.At) },
        ToolJobRetried e => new ToolJobView(
            view.Job with
            {
                Status = ToolJobStatus.Queued,
                Attempt = e.Attempt,
                ExitCode = null,
                FailureReason = null,
                Interrupted = false,
                StartedAt = null,
                EndedAt = null,
            },
            []),
        _ => view,
    };

    /// <summary>Applies one tape event: <see cref="Evolve"/>, then the stream version and position it brings the row to.</summary>
    public static ToolJobView? Apply(ToolJobView? view, ProjectedEvent e) =>
        Evolve(view, e.Payload) is { } next
            ? next with { Job = next.Job with { StreamVersion = e.Event.StreamVersion, LastPosition = e.Seq } }
            : null;

    private static ToolJobRow Ended(ToolJobRow job, ToolJobStatus status, DateTimeOffset at) =>
        job with { Status = status, EndedAt = Truncate(at) };

    // The decider's rule (ToolJobDecider.AddToTail): keep the newest chunks within the limit the
    // writer asked for, but always the newest one.
    private static ToolJobView AddToTail(ToolJobView view, ToolJobOutputAppended e)
    {
        var tail = new List<ToolOutputChunkRow>(view.Tail) { new(e.Index, e.Stream, e.Text, e.ByteCount, e.Sha256, Truncate(e.At)) };
        var bytes = tail.Sum(c => (long)c.ByteCount);
        var drop = 0;
        while (bytes > e.TailLimitBytes && tail.Count - drop > 1)
        {
            bytes -= tail[drop].ByteCount;
            drop++;
        }

        return new ToolJobView(view.Job with { OutputChunks = e.Index + 1 }, tail.GetRange(drop, tail.Count - drop));
    }
}
