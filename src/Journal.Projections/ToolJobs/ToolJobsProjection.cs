using Journal.Domain.ToolJobs;
using Journal.Projections.Runtime;
using static Journal.Projections.Shared.ReadModelValues;

namespace Journal.Projections.ToolJobs;

/// <summary>
/// <c>tooljobs.v1</c>: one row per tool job (<c>tooljobs_v1_jobs</c>) and its bounded output tail
/// (<c>tooljobs_v1_output</c>), both kept by <see cref="ToolJobFold"/>: the stored view is loaded,
/// folded with the event and written back, the tail as a difference (new chunks in, dropped ones out).
/// The view as last written (row and tail) is kept in a cache, so an event does not read it back, and
/// the row is written once per batch (a delayed whole-row upsert); the tail's difference is written at once.
/// </summary>
public sealed class ToolJobsProjection() : SingleStreamProjection<ToolJobView>(ProjectionName, Jobs)
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "tooljobs.v1";

    /// <summary>Every event of a tool job, routed to its job.</summary>
    private static readonly EventRoutes<Guid> Jobs = new EventRoutes<Guid>()
        .On<ToolJobQueued>(e => e.JobId)
        .On<ToolJobStarted>(e => e.JobId)
        .On<ToolJobOutputAppended>(e => e.JobId)
        .On<ToolJobSucceeded>(e => e.JobId)
        .On<ToolJobFailed>(e => e.JobId)
        .On<ToolJobCancelled>(e => e.JobId)
        .On<ToolJobTimedOut>(e => e.JobId)
        .On<ToolJobRetried>(e => e.JobId);

    /// <inheritdoc />
    public override void Create(ReadModelWriter db) => db.ExecuteScript(ToolJobSql.Create);

    /// <inheritdoc />
    public override ToolJobView? Evolve(ToolJobView? row, ProjectedEvent e) => ToolJobFold.Apply(row, e);

    /// <inheritdoc />
    protected override long SizeOf(ToolJobView row) => CacheSizes.SmallRow + row.Tail.Sum(c => CacheSizes.SmallRow + CacheSizes.Text(c.Text));

    /// <inheritdoc />
    protected override void Write(ReadModelWriter db, Guid key, ToolJobView? before, ToolJobView after, ProjectedEvent e)
    {
        var id = Id(key);
        var job = after.Job;
        db.Upsert(
            ToolJobSql.UpsertJob,
            id,
            [
                ("$job_id", Id(job.JobId)),
                ("$session_id", Id(job.SessionId)),
                ("$run_id", Id(job.RunId)),
                ("$tool_name", job.ToolName),
                ("$arguments", job.Arguments),
                ("$status", job.Status.ToString()),
                ("$attempt", job.Attempt),
                ("$exit_code", job.ExitCode),
                ("$failure_reason", job.FailureReason),
                ("$interrupted", job.Interrupted),
                ("$queued_at", Ms(job.QueuedAt)),
                ("$started_at", Ms(job.StartedAt)),
                ("$ended_at", Ms(job.EndedAt)),
                ("$output_chunks", job.OutputChunks),
                ("$stream_version", job.StreamVersion),
                ("$last_position", job.LastPosition),
            ]);

        var firstKept = after.Tail.Count > 0 ? after.Tail[0].Index : (long?)null;
        if (before is { Tail.Count: > 0 } && (firstKept is null || before.Tail[0].Index < firstKept))
        {
            db.Execute(ToolJobSql.TrimTail, ("$job_id", id), ("$first_kept", firstKept));
        }

        var lastStored = before is { Tail.Count: > 0 } ? before.Tail[^1].Index : -1;
        foreach (var chunk in after.Tail)
        {
            if (chunk.Index <= lastStored)
            {
                continue;
            }

            db.Execute(
                ToolJobSql.InsertChunk,
                ("$job_id", id),
                ("$chunk_index", chunk.Index),
                ("$stream", chunk.Stream.ToString()),
                ("$text", chunk.Text),
                ("$byte_count", chunk.ByteCount),
                ("$sha256", chunk.Sha256),
                ("$at", Ms(chunk.At)));
        }
    }

    /// <inheritdoc />
    protected override ToolJobView? Load(ReadModelWriter db, Guid key)
    {
        var id = Id(key);
        var job = db.Query(ToolJobSql.SelectJob, ToolJobSql.ReadJob, ("$job_id", id));
        return job is [var row] ? new ToolJobView(row, db.Query(ToolJobSql.SelectTail, ToolJobSql.ReadChunk, ("$job_id", id))) : null;
    }
}
