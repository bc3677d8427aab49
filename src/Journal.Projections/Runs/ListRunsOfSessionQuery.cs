using System.Globalization;
using Journal.Projections.Querying;
using Journal.Projections.Shared;
using Journal.Projections.Runtime;
using MediatR;

namespace Journal.Projections.Runs;

/// <summary>The runs of a session, newest first (by acceptance), one keyset page at a time. An unknown session has none.</summary>
/// <param name="Cursor">The previous page's <see cref="Page{T}.NextCursor"/>; null for the first page.</param>
/// <param name="Limit">Rows per page, 1 to 500 (50 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record ListRunsOfSessionQuery(Guid SessionId, string? Cursor = null, int? Limit = null, long? MinPosition = null)
    : IRequest<Page<RunView>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [RunsProjection.ProjectionName];
}

/// <summary>Handles <see cref="ListRunsOfSessionQuery"/>.</summary>
public sealed class ListRunsOfSessionHandler(ReadModelStore readModels) : IRequestHandler<ListRunsOfSessionQuery, Page<RunView>>
{
    private const string Listing = "runs.of_session";

    /// <inheritdoc />
    /// <exception cref="Domain.Errors.ValidationException">A bad cursor or limit.</exception>
    public Task<Page<RunView>> Handle(ListRunsOfSessionQuery request, CancellationToken cancellationToken)
    {
        var limit = PageCursor.Limit(request.Limit);
        var session = ReadModelValues.Id(request.SessionId);
        var after = PageCursor.Decode(request.Cursor, Listing, 2);
        if (after is not null && after[0] != session)
        {
            throw new Domain.Errors.ValidationException("cursor", "belongs to another session's listing");
        }

        using var connection = readModels.OpenReader();
        var rows = ReadModelQueries.Rows(connection, 
            RunRows.ListOfSession,
            RunRows.Read,
            ("$session_id", session),
            ("$before_position", after is null ? null : PageCursor.Long(after[1])),
            ("$limit", limit + 1));
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            next = PageCursor.Encode(Listing, session, rows[^1].AcceptedPosition.ToString(CultureInfo.InvariantCulture));
        }

        return Task.FromResult(new Page<RunView>(rows, next));
    }
}
