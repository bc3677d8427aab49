using Journal.Projections.Querying;
using Journal.Projections.Transcript;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Transcript;

/// <summary>A session's transcript, oldest first, paged by entry number.</summary>
internal static class TranscriptQueryEndpoints
{
    public static void MapTranscriptQueries(this IEndpointRouteBuilder app) =>
        app.QueryGroup("/v1/sessions", FeatureTags.Transcript).MapGet("/{sessionId}/transcript", ListTranscript).WithName(nameof(ListTranscript));

    /// <summary>Read a session's transcript</summary>
    /// <remarks>
    /// Entries oldest first after <c>afterSequence</c> (default 0), their text redacted; a cursor takes the place of
    /// <c>afterSequence</c>. An unknown session has no entries. Paged with <c>cursor</c> and <c>limit</c>.
    /// </remarks>
    internal static async Task<Ok<Page<TranscriptEntryView>>> ListTranscript(
        Guid sessionId, IMediator mediator, CancellationToken ct, long? afterSequence = null, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListTranscriptQuery(sessionId, afterSequence ?? 0, limit, cursor, minPosition), ct));
}
