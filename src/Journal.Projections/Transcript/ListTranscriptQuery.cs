using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Shared;
using Journal.Projections.Runtime;
using MediatR;

namespace Journal.Projections.Transcript;

/// <summary>
/// A session's transcript, oldest first, from the entry after <paramref name="AfterSequence"/> (or
/// after the previous page, when <paramref name="Cursor"/> is given). An unknown session has no entries.
/// </summary>
/// <param name="AfterSequence">Start after this entry number (0: from the first).</param>
/// <param name="Limit">Entries per page, 1 to 500 (50 when null).</param>
/// <param name="Cursor">The previous page's <see cref="Page{T}.NextCursor"/>; it takes the place of <paramref name="AfterSequence"/>.</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record ListTranscriptQuery(Guid SessionId, long AfterSequence = 0, int? Limit = null, string? Cursor = null, long? MinPosition = null)
    : IRequest<Page<TranscriptEntryView>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [TranscriptProjection.ProjectionName];
}

/// <summary>Handles <see cref="ListTranscriptQuery"/>.</summary>
public sealed class ListTranscriptHandler(ReadModelStore readModels) : IRequestHandler<ListTranscriptQuery, Page<TranscriptEntryView>>
{
    /// <inheritdoc />
    /// <exception cref="ValidationException">A bad cursor, limit or sequence number.</exception>
    public Task<Page<TranscriptEntryView>> Handle(ListTranscriptQuery request, CancellationToken cancellationToken)
    {
        var page = TranscriptPageStart.Of(request.SessionId, request.AfterSequence, request.Limit, request.Cursor);
        using var reader = readModels.RentReader();
        var rows = ReadModelQueries.Rows(page.Bind(reader), r => TranscriptRows.Read(r, request.SessionId));
        string? next = null;
        if (rows.Count > page.Limit)
        {
            rows.RemoveAt(page.Limit);
            next = page.NextCursor(rows[^1].Sequence);
        }

        return Task.FromResult(new Page<TranscriptEntryView>(rows, next));
    }
}
