using Journal.Domain.Approvals;
using Journal.Domain.Sessions;
using Journal.Projections.Runtime;
using static Journal.Projections.Shared.ReadModelValues;

namespace Journal.Projections.Approvals;

/// <summary>
/// <c>approvals.v1</c>: one row per approval (<c>approvals_v1_approvals</c>, kept by
/// <see cref="ApprovalFold"/>) and the remembered answers (<c>approvals_v1_remembered</c>), one per
/// session and subject, straight from the self-contained <see cref="ApprovalDecided"/> events: a newer
/// remembered answer supersedes an older one, and an archived session's answers are dropped. An
/// approval's row as last written is kept in a cache (no read-back per event) and written once per batch.
/// </summary>
public sealed class ApprovalsProjection : IProjection
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "approvals.v1";

    private const string CacheName = "approvals_v1_approvals";

    /// <inheritdoc />
    public string Name => ProjectionName;

    /// <inheritdoc />
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        "approval.requested.v1",
        "approval.decided.v1",
        "approval.timed_out.v1",
        "session.archived.v1",
    ];

    /// <inheritdoc />
    public void Create(ReadModelWriter db) => db.ExecuteScript(ApprovalSql.Create);

    /// <inheritdoc />
    public void Apply(ReadModelWriter db, ProjectedEvent e)
    {
        switch (e.Payload)
        {
            case ApprovalRequested x:
                Project(db, e, x.ApprovalId);
                break;
            case ApprovalDecided x:
                Project(db, e, x.ApprovalId);
                if (x.Remembered)
                {
                    Remember(db, e, x);
                }

                break;
            case ApprovalTimedOut x:
                Project(db, e, x.ApprovalId);
                break;
            case SessionArchived x:
                // An archived session asks nothing more; whatever it remembered is over.
                db.Execute(ApprovalSql.DeleteRememberedOfSession, ("$session_id", Id(x.SessionId)));
                break;
        }
    }

    private static void Project(ReadModelWriter db, ProjectedEvent e, Guid approvalId)
    {
        var id = Id(approvalId);
        var cache = db.Cache<Guid, ApprovalRow>(CacheName);
        if (!cache.TryGet(approvalId, out var before))
        {
            before = db.Query(ApprovalSql.SelectApproval, ApprovalSql.ReadApproval, ("$approval_id", id)) is [var row] ? row : null;
        }

        if (ApprovalFold.Apply(before, e) is not { } a)
        {
            return;
        }

        db.Upsert(
            ApprovalSql.UpsertApproval,
            id,
            [
                ("$approval_id", Id(a.ApprovalId)),
                ("$session_id", Id(a.SessionId)),
                ("$subject_type", a.SubjectType),
                ("$subject_id", a.SubjectId),
                ("$summary", a.Summary),
                ("$scope", a.Scope.ToString()),
                ("$duration_seconds", a.DurationSeconds),
                ("$expires_at", Ms(a.ExpiresAt)),
                ("$status", a.Status.ToString()),
                ("$pending", a.Status == ApprovalStatus.Pending),
                ("$decision", a.Decision?.ToString()),
                ("$decided_by", a.DecidedBy),
                ("$reason", a.Reason),
                ("$remembered", a.Remembered),
                ("$remembered_until", Ms(a.RememberedUntil)),
                ("$requested_at", Ms(a.RequestedAt)),
                ("$resolved_at", Ms(a.ResolvedAt)),
                ("$stream_version", a.StreamVersion),
                ("$last_position", a.LastPosition),
            ]);

        cache.Set(approvalId, a);
    }

    private static void Remember(ReadModelWriter db, ProjectedEvent e, ApprovalDecided x) => db.Execute(
        ApprovalSql.UpsertRemembered,
        ("$session_id", Id(x.SessionId)),
        ("$subject_type", x.SubjectType),
        ("$subject_id", x.SubjectId),
        ("$approval_id", Id(x.ApprovalId)),
        ("$scope", x.Scope.ToString()),
        ("$decision", x.Decision.ToString()),
        ("$decided_by", x.DecidedBy),
        ("$decided_at", Ms(x.At)),
        ("$remembered_until", Ms(x.RememberedUntil)),
        ("$position", e.Seq));
}
