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
public sealed class ToolJobsProjection : IProjection
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "tooljobs.v1";

    private const string CacheName = "tooljobs_v1_jobs";

    /// <inheritdoc />
    public string Name => ProjectionName;

    /// <inheritdoc />
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        "tooljob.queued.v1",
        "tooljob.started.v1",
        "tooljob.output_appended.v1",
        "tooljob.succeeded.v1",
        "tooljob.failed.v1",
        "tooljob.cancelled.v1",
        "tooljob.timed_out.v1",
        "tooljob.retried.v1",
    ];

    /// <inheritdoc />
    public void Create(ReadModelWriter db) => db.ExecuteScript(ToolJobSql.Create);

    /// <inheritdoc />
    public void Apply(ReadModelWriter db, ProjectedEvent e)
    {
        switch (e.Payload)
        {
            case ToolJobQueued x: Project(db, e, x.JobId); break;
            case ToolJobStarted x: Project(db, e, x.JobId); break;
            case ToolJobOutputAppended x: Project(db, e, x.JobId); break;
            case ToolJobSucceeded x: Project(db, e, x.JobId); break;
            case ToolJobFailed x: Project(db, e, x.JobId); break;
            case ToolJobCancelled x: Project(db, e, x.JobId); break;
            case ToolJobTimedOut x: Project(db, e, x.JobId); break;
            case ToolJobRetried x: Project(db, e, x.JobId); break;
        }
    }

    private static void Project(ReadModelWriter db, ProjectedEvent e, Guid jobId)
    {
        var cache = db.Cache<Guid, ToolJobView>(CacheName);
        if (!cache.TryGet(jobId, out var before))
        {
            before = Load(db, jobId);
        }

        if (ToolJobFold.Apply(before, e) is not { } after)
        {
            return;
        }

        var id = Id(jobId);
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

        cache.Set(jobId, after);
    }

    private static ToolJobView? Load(ReadModelWriter db, Guid jobId)
    {
        var id = Id(jobId);
        var job = db.Query(ToolJobSql.SelectJob, ToolJobSql.ReadJob, ("$job_id", id));
        return job is [var row] ? new ToolJobView(row, db.Query(ToolJobSql.SelectTail, ToolJobSql.ReadChunk, ("$job_id", id))) : null;
    }
}
