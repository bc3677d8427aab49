using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.Domain.Workspace;
using Journal.EventStore.Ports;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Workspace;

/// <summary>
/// Time travel: a document (with its content) as its read model was after the document's stream
/// version <paramref name="StreamVersion"/> and/or tape position <paramref name="Position"/> (the
/// latest when neither is given), folded from the tape with <see cref="WorkspaceDocumentFold"/>.
/// </summary>
/// <param name="StreamVersion">The last stream version to include, if bounded.</param>
/// <param name="Position">The last tape position to include, if bounded.</param>
public sealed record GetDocumentAtQuery(Guid DocumentId, long? StreamVersion = null, long? Position = null) : IRequest<WorkspaceDocumentView>;

/// <summary>Handles <see cref="GetDocumentAtQuery"/>.</summary>
public sealed class GetDocumentAtHandler(IEventStore tape, ITapeFeed feed) : IRequestHandler<GetDocumentAtQuery, WorkspaceDocumentView>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>workspace.not_found</c>: the document did not exist at that point.</exception>
    /// <exception cref="ValidationException">A negative bound.</exception>
    public async Task<WorkspaceDocumentView> Handle(GetDocumentAtQuery request, CancellationToken cancellationToken) =>
        await StreamHistory.FoldAsync<WorkspaceDocumentView>(
            tape, feed.Serializer, WorkspaceDocumentDecider.StreamFor(request.DocumentId), request.StreamVersion, request.Position, WorkspaceDocumentFold.Apply, cancellationToken).ConfigureAwait(false)
        ?? throw new NotFoundException("workspace", ReadModelValues.Id(request.DocumentId));
}
