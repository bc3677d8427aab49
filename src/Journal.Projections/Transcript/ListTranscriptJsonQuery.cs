using System.Text.Json;
using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using MediatR;

namespace Journal.Projections.Transcript;

/// <summary>
/// The page <see cref="ListTranscriptQuery"/> answers, already written as JSON for the HTTP API: the same entries,
/// cursor and errors, the bytes the serializer would write for that page with <paramref name="Json"/>'s escaping,
/// written straight from the read model's rows. The caller disposes the body once sent.
/// </summary>
/// <param name="Json">The writer options of the API's JSON (its encoder decides what is escaped).</param>
public sealed record ListTranscriptJsonQuery(Guid SessionId, JsonWriterOptions Json, long AfterSequence = 0, int? Limit = null, string? Cursor = null, long? MinPosition = null)
    : IRequest<JsonBody>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [TranscriptProjection.ProjectionName];
}

/// <summary>Handles <see cref="ListTranscriptJsonQuery"/>.</summary>
public sealed class ListTranscriptJsonHandler(ReadModelStore readModels) : IRequestHandler<ListTranscriptJsonQuery, JsonBody>
{
    /// <inheritdoc />
    /// <exception cref="ValidationException">A bad cursor, limit or sequence number.</exception>
    public Task<JsonBody> Handle(ListTranscriptJsonQuery request, CancellationToken cancellationToken)
    {
        var page = TranscriptPageStart.Of(request.SessionId, request.AfterSequence, request.Limit, request.Cursor);
        var body = new JsonBody();
        try
        {
            using var reader = readModels.RentReader();
            using var json = new Utf8JsonWriter(body, request.Json with { SkipValidation = true });
            TranscriptPageJson.Write(page, page.Bind(reader), json);
            return Task.FromResult(body);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }
}
