using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Approvals;

/// <summary>
/// Whether a remembered answer (a session-long or time-boxed allow or deny) applies to a subject in a
/// session at <paramref name="At"/>: the newest one given by then, if its time box (if any) is not
/// over. Asked before bothering a human again.
/// </summary>
/// <param name="SubjectType">The subject's kind.</param>
/// <param name="At">The moment asked about; now (the journal's clock) when null.</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record FindRememberedDecisionQuery(Guid SessionId, string SubjectType, string SubjectId, DateTimeOffset? At = null, long? MinPosition = null)
    : IRequest<RememberedDecisionAnswer>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [ApprovalsProjection.ProjectionName];
}

/// <summary>Handles <see cref="FindRememberedDecisionQuery"/>.</summary>
public sealed class FindRememberedDecisionHandler(ReadModelStore readModels, TimeProvider time) : IRequestHandler<FindRememberedDecisionQuery, RememberedDecisionAnswer>
{
    /// <inheritdoc />
    /// <exception cref="ValidationException">The subject type or id is empty.</exception>
    public Task<RememberedDecisionAnswer> Handle(FindRememberedDecisionQuery request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.SubjectType))
        {
            throw new ValidationException("subjectType", "must not be empty");
        }

        if (string.IsNullOrEmpty(request.SubjectId))
        {
            throw new ValidationException("subjectId", "must not be empty");
        }

        var at = request.At ?? time.GetUtcNow();
        using var connection = readModels.OpenReader();
        var decision = ReadModelQueries.Row(
            connection,
            ApprovalSql.SelectRemembered,
            ApprovalSql.ReadRemembered,
            ("$session_id", ReadModelValues.Id(request.SessionId)),
            ("$subject_type", request.SubjectType),
            ("$subject_id", request.SubjectId),
            ("$at", ReadModelValues.Ms(at)));
        return Task.FromResult(new RememberedDecisionAnswer(decision));
    }
}
