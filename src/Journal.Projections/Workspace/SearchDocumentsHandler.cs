using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Workspace;

/// <summary>
/// Full-text search over the latest content of active documents, best match first (bm25). Every word
/// of <paramref name="Text"/> must occur; the text is taken as plain words, never as FTS syntax
/// (<see cref="FtsQuery"/>), and text without any word finds nothing.
/// </summary>
/// <param name="Text">What to look for.</param>
/// <param name="PathPrefix">Only documents whose path starts with this text, when given.</param>
/// <param name="Limit">The most hits, 1 to <see cref="PageCursor.MaxLimit"/> (20 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record SearchDocumentsQuery(string Text, string? PathPrefix = null, int? Limit = null, long? MinPosition = null)
    : IRequest<IReadOnlyList<DocumentSearchHit>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [WorkspaceProjection.ProjectionName];
}

/// <summary>Handles <see cref="SearchDocumentsQuery"/>.</summary>
public sealed class SearchDocumentsHandler(ReadModelStore readModels) : IRequestHandler<SearchDocumentsQuery, IReadOnlyList<DocumentSearchHit>>
{
    /// <summary>The longest search text accepted.</summary>
    public const int MaxTextLength = 1000;

    /// <inheritdoc />
    /// <exception cref="ValidationException">A bad limit or prefix, or a text that is too long.</exception>
    public Task<IReadOnlyList<DocumentSearchHit>> Handle(SearchDocumentsQuery request, CancellationToken cancellationToken)
    {
        var limit = PageCursor.Limit(request.Limit, 20);
        var prefix = WorkspaceQueryInput.PathPrefix(request.PathPrefix);
        if (request.Text is { Length: > MaxTextLength })
        {
            throw new ValidationException("text", $"must be at most {MaxTextLength} characters");
        }

        if (FtsQuery.Sanitize(request.Text) is not { } match)
        {
            return Task.FromResult<IReadOnlyList<DocumentSearchHit>>([]);
        }

        using var connection = readModels.OpenReader();
        var hits = ReadModelQueries.Rows(
            connection,
            WorkspaceSql.Search,
            r => new DocumentSearchHit(r.GetId(0), r.GetString(1), r.GetInt64(2), -r.GetDouble(3), r.GetString(4)),
            ("$match", match),
            ("$path_prefix", prefix),
            ("$mark_open", "<mark>"),
            ("$mark_close", "</mark>"),
            ("$ellipsis", "…"),
            ("$snippet_tokens", 16),
            ("$limit", limit));
        return Task.FromResult<IReadOnlyList<DocumentSearchHit>>(hits);
    }
}
