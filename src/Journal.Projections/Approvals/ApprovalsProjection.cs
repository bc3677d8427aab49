using Journal.Domain.Approvals;
using Journal.Domain.Sessions;
using Journal.Projections.Runtime;
using static Journal.Projections.Shared.ReadModelValues;

namespace Journal.Projections.Approvals;

/// <summary>
/// <c>approvals.v1</c>: one row per approval (<c>approvals_v1_approvals</c>, kept by
/// <see cref="ApprovalFold"/>) and the remembered answers (<c>approvals_v1_remembered</c>), one per
/// session and subject, straight from the self-contained <see cref="ApprovalDecided"/> events (a one-off
/// answer the approver widened is remembered as a <see cref="ApprovalScope.Session"/> one): a newer
/// remembered answer supersedes an older one, and an archived session's answers are dropped. An
/// approval's row as last written is kept in a cache (no read-back per event) and written once per batch.
/// </summary>
public sealed class ApprovalsProjection() : SingleStreamProjection<ApprovalRow>(ProjectionName, Approvals, Remembered)
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "approvals.v1";

    /// <summary>Every event of an approval, routed to its approval.</summary>
    private static readonly EventRoutes<Guid> Approvals = new EventRoutes<Guid>()
        .On<ApprovalRequested>(e => e.ApprovalId)
        .On<ApprovalDecided>(e => e.ApprovalId)
        .On<ApprovalTimedOut>(e => e.ApprovalId);

    /// <summary>The events that change the remembered answers.</summary>
    private static readonly EventRoutes<Action<ReadModelWriter, ProjectedEvent>> Remembered = new EventRoutes<Action<ReadModelWriter, ProjectedEvent>>()
        .On<ApprovalDecided>(x => (db, e) =>
        {
            if (x.Remembered)
            {
                Remember(db, e, x);
            }
        })

        // An archived session asks nothing more; whatever it remembered is over.
        .On<SessionArchived>(x => (db, _) => db.Execute(ApprovalSql.DeleteRememberedOfSession, ("$session_id", Id(x.SessionId))));

    /// <inheritdoc />
    public override void Create(ReadModelWriter db) => db.ExecuteScript(ApprovalSql.Create);

    /// <inheritdoc />
    public override ApprovalRow? Evolve(ApprovalRow? row, ProjectedEvent e) => ApprovalFold.Apply(row, e);

    /// <inheritdoc />
    protected override long SizeOf(ApprovalRow row) => CacheSizes.SmallRow + CacheSizes.Text(row.Summary) + CacheSizes.Text(row.SubjectId) + CacheSizes.Text(row.Reason);

    /// <inheritdoc />
    protected override ApprovalRow? Load(ReadModelWriter db, Guid key) =>
        db.Query(ApprovalSql.SelectApproval, ApprovalSql.ReadApproval, ("$approval_id", Id(key))) is [var row] ? row : null;

    /// <inheritdoc />
    protected override void Write(ReadModelWriter db, Guid key, ApprovalRow? before, ApprovalRow after, ProjectedEvent e)
    {
        var id = Id(key);
        db.Upsert(
            ApprovalSql.UpsertApproval,
            id,
            [
                ("$approval_id", Id(after.ApprovalId)),
                ("$session_id", Id(after.SessionId)),
                ("$subject_type", after.SubjectType),
                ("$subject_id", after.SubjectId),
                ("$summary", after.Summary),
                ("$scope", after.Scope.ToString()),
                ("$duration_seconds", after.DurationSeconds),
                ("$expires_at", Ms(after.ExpiresAt)),
                ("$status", after.Status.ToString()),
                ("$pending", after.Status == ApprovalStatus.Pending),
                ("$decision", after.Decision?.ToString()),
                ("$decided_by", after.DecidedBy),
                ("$reason", after.Reason),
                ("$remembered", after.Remembered),
                ("$remembered_until", Ms(after.RememberedUntil)),
                ("$requested_at", Ms(after.RequestedAt)),
                ("$resolved_at", Ms(after.ResolvedAt)),
                ("$stream_version", after.StreamVersion),
                ("$last_position", after.LastPosition),
            ]);
    }

    private static void Remember(ReadModelWriter db, ProjectedEvent e, ApprovalDecided x) => db.Execute(
        ApprovalSql.UpsertRemembered,
        ("$session_id", Id(x.SessionId)),
        ("$subject_type", x.SubjectType),
        ("$subject_id", x.SubjectId),
        ("$approval_id", Id(x.ApprovalId)),
        ("$scope", x.Reach().ToString()),
        ("$decision", x.Decision.ToString()),
        ("$decided_by", x.DecidedBy),
        ("$decided_at", Ms(x.At)),
        ("$remembered_until", Ms(x.RememberedUntil)),
        ("$position", e.Seq));
}
