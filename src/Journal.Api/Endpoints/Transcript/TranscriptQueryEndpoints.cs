using Journal.Projections.Querying;
using Journal.Projections.Transcript;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Transcript;

/// <summary>A session's transcript, oldest first, paged by entry number.</summary>
internal static class TranscriptQueryEndpoints
{
    public static void MapTranscriptQueries(this IEndpointRouteBuilder app) =>
        app.QueryGroup("/v1/sessions", "Transcript").MapGet("/{sessionId}/transcript", ListTranscript).WithName(nameof(ListTranscript));

    internal static async Task<Ok<Page<TranscriptEntryView>>> ListTranscript(
        Guid sessionId, IMediator mediator, CancellationToken ct, long? afterSequence = null, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListTranscriptQuery(sessionId, afterSequence ?? 0, limit, cursor, minPosition), ct));
}
