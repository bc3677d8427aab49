using System.Globalization;
using Journal.Projections.Querying;
using Journal.Projections.Shared;
using Journal.Projections.Runtime;
using MediatR;

namespace Journal.Projections.Sessions;

/// <summary>Lists sessions, newest first (by last change, then id), one keyset page at a time.</summary>
/// <param name="Principal">Only this principal's sessions, when given.</param>
/// <param name="Channel">Only sessions of this channel, when given.</param>
/// <param name="State">Only <c>active</c> or only <c>archived</c> sessions, when given.</param>
/// <param name="Cursor">The previous page's <see cref="Page{T}.NextCursor"/>; null for the first page.</param>
/// <param name="Limit">Rows per page, 1 to 500 (50 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record ListSessionsQuery(
    string? Principal = null,
    string? Channel = null,
    string? State = null,
    string? Cursor = null,
    int? Limit = null,
    long? MinPosition = null) : IRequest<Page<SessionView>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [SessionsProjection.ProjectionName];
}

/// <summary>Handles <see cref="ListSessionsQuery"/>.</summary>
public sealed class ListSessionsHandler(ReadModelStore readModels) : IRequestHandler<ListSessionsQuery, Page<SessionView>>
{
    private const string Listing = "sessions";

    /// <inheritdoc />
    /// <exception cref="Domain.Errors.ValidationException">A bad cursor, limit or state.</exception>
    public Task<Page<SessionView>> Handle(ListSessionsQuery request, CancellationToken cancellationToken)
    {
        var limit = PageCursor.Limit(request.Limit);
        var state = SessionStates.Filter(request.State);
        var after = PageCursor.Decode(request.Cursor, Listing, 2);
        using var connection = readModels.OpenReader();
        var rows = ReadModelQueries.Rows(connection, 
            SessionRows.List,
            SessionRows.Read,
            ("$principal", request.Principal),
            ("$channel", request.Channel),
            ("$state", state),
            ("$after_updated_at", after is null ? null : PageCursor.Long(after[0])),
            ("$after_session_id", after?[1]),
            ("$limit", limit + 1));
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            var last = rows[^1];
            next = PageCursor.Encode(Listing, ReadModelValues.Ms(last.UpdatedAt).ToString(CultureInfo.InvariantCulture), ReadModelValues.Id(last.SessionId));
        }

        return Task.FromResult(new Page<SessionView>(rows, next));
    }
}
