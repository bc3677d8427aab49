using Journal.Projections.Querying;
using Journal.Projections.Transcript;
using MediatR;
using System.Text.Json;
using Journal.Api.Endpoints.Queries;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Journal.Api.Endpoints.Transcript;

/// <summary>A session's transcript, oldest first, paged by entry number.</summary>
internal static class TranscriptQueryEndpoints
{
    public static void MapTranscriptQueries(this IEndpointRouteBuilder app) =>
        app.QueryGroup("/v1/sessions", FeatureTags.Transcript).MapGet("/{sessionId}/transcript", ListTranscript).WithName(nameof(ListTranscript))
            .Produces<Page<TranscriptEntryView>>(StatusCodes.Status200OK, "application/json");

    /// <summary>Read a session's transcript</summary>
    /// <remarks>
    /// Entries oldest first after <c>afterSequence</c> (default 0), their text redacted; a cursor takes the place of
    /// <c>afterSequence</c>. An unknown session has no entries. Paged with <c>cursor</c> and <c>limit</c>.
    /// </remarks>
    internal static async Task<IResult> ListTranscript(
        Guid sessionId, IMediator mediator, IOptions<JsonOptions> json, CancellationToken ct, long? afterSequence = null, string? cursor = null, int? limit = null, long? minPosition = null)
    {
        // The page is written as JSON straight from the read model's rows (ListTranscriptJsonQuery): the bytes the
        // serializer would write for ListTranscriptQuery's page, without the rows as objects or a serializer pass.
        var writer = new JsonWriterOptions { Encoder = json.Value.SerializerOptions.Encoder, Indented = json.Value.SerializerOptions.WriteIndented };
        return new JsonBodyResult(await mediator.Send(new ListTranscriptJsonQuery(sessionId, writer, afterSequence ?? 0, limit, cursor, minPosition), ct));
    }
}
