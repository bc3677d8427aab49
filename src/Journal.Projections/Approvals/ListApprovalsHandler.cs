using System.Globalization;
using Journal.Domain.Approvals;
using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Approvals;

/// <summary>
/// Lists approvals, pending ones first, then newest first; optionally only those of one subject
/// (type, or type and id), one session and/or one status.
/// </summary>
/// <param name="SubjectType">Only approvals of this subject kind, when given.</param>
/// <param name="SubjectId">Only approvals of this subject (requires <paramref name="SubjectType"/>), when given.</param>
/// <param name="SessionId">Only approvals of this session, when given.</param>
/// <param name="Status">Only approvals in this status, when given.</param>
/// <param name="Cursor">The <see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
/// <param name="Limit">Rows per page, 1 to <see cref="PageCursor.MaxLimit"/> (50 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record ListApprovalsQuery(
    string? SubjectType = null,
    string? SubjectId = null,
    Guid? SessionId = null,
    ApprovalStatus? Status = null,
    string? Cursor = null,
    int? Limit = null,
    long? MinPosition = null) : IRequest<Page<ApprovalRow>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [ApprovalsProjection.ProjectionName];
}

/// <summary>Handles <see cref="ListApprovalsQuery"/>.</summary>
public sealed class ListApprovalsHandler(ReadModelStore readModels) : IRequestHandler<ListApprovalsQuery, Page<ApprovalRow>>
{
    private const string Listing = "approvals";

    /// <inheritdoc />
    /// <exception cref="ValidationException">A bad cursor, limit or status, or a subject id without its type.</exception>
    public Task<Page<ApprovalRow>> Handle(ListApprovalsQuery request, CancellationToken cancellationToken)
    {
        var limit = PageCursor.Limit(request.Limit);
        var after = PageCursor.Decode(request.Cursor, Listing, 3);
        if (request.SubjectId is not null && request.SubjectType is null)
        {
            throw new ValidationException("subjectId", "needs subjectType");
        }

        if (request.Status is { } status && !Enum.IsDefined(status))
        {
            throw new ValidationException("status", "is not a known approval status");
        }

        using var connection = readModels.OpenReader();
        var rows = ReadModelQueries.Rows(
            connection,
            ApprovalSql.SelectApprovals,
            r => (Row: ApprovalSql.ReadApproval(r), Pending: r.GetInt64(18)),
            ("$subject_type", request.SubjectType),
            ("$subject_id", request.SubjectId),
            ("$session_id", ReadModelValues.Id(request.SessionId)),
            ("$status", request.Status?.ToString()),
            ("$after_pending", after is null ? null : PageCursor.Long(after[0])),
            ("$after_requested_at", after is null ? null : PageCursor.Long(after[1])),
            ("$after_approval_id", after?[2]),
            ("$limit", limit + 1));
        var page = ReadModelQueries.ToPage(rows, limit, Listing, a =>
        [
            a.Pending.ToString(CultureInfo.InvariantCulture),
            ReadModelValues.Ms(a.Row.RequestedAt).ToString(CultureInfo.InvariantCulture),
            ReadModelValues.Id(a.Row.ApprovalId),
        ]);
        return Task.FromResult(new Page<ApprovalRow>([.. page.Items.Select(a => a.Row)], page.NextCursor));
    }
}
