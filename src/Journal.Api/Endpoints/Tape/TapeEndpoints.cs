using Journal.Domain.Errors;
using Journal.EventStore.Ports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Tape;

/// <summary>The tape itself: pages of events, the head, and the live tail.</summary>
internal static class TapeEndpoints
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;

    public static void MapTape(this IEndpointRouteBuilder app)
    {
        var group = app.QueryGroup("/v1/journal", FeatureTags.Tape);
        group.MapGet("/events", ReadEvents).WithName(nameof(ReadEvents));
        group.MapGet("/head", ReadHead).WithName(nameof(ReadHead));
        group.MapGet("/activity", EventRateEndpoint.ReadEventRate).WithName(nameof(EventRateEndpoint.ReadEventRate));
        group.MapGet("/stream", TapeTail.StreamAsync).WithName("StreamEvents").Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }

    /// <summary>Read a page of the tape</summary>
    /// <remarks>
    /// Events oldest first from position <c>from</c> (default 1), <c>limit</c> 1 to 1000 (default 100), each with its
    /// chain hashes and its payload decoded to JSON (null once erased). <c>next</c> is the <c>from</c> of the next
    /// page, null at the head.
    /// </remarks>
    internal static async Task<Ok<TapePage>> ReadEvents(ITapeFeed tape, CancellationToken ct, long? from = null, int? limit = null)
    {
        var start = from ?? 1;
        if (start < 1)
        {
            throw new ValidationException("from", "positions start at 1");
        }

        var size = limit ?? 100;
        if (size is < 1 or > MaxLimit)
        {
            throw new ValidationException("limit", $"must be from 1 to {MaxLimit}");
        }

        var head = (await tape.ReadHeadAsync(ct)).Seq;
        var events = tape.ReadPage(start, size).Select(TapeEvent.From).ToList();
        long? next = events.Count > 0 && events[^1].Seq < head ? events[^1].Seq + 1 : null;
        return TypedResults.Ok(new TapePage(events, next, head));
    }

    /// <summary>Read the tape's head</summary>
    /// <remarks>
    /// The newest position and its chain hash (hex); position 0 on an empty tape.
    /// </remarks>
    internal static async Task<Ok<TapeHeadView>> ReadHead(ITapeFeed tape, CancellationToken ct)
    {
        var head = await tape.ReadHeadAsync(ct);
        return TypedResults.Ok(new TapeHeadView(head.Seq, Convert.ToHexStringLower(head.Hash.Span)));
    }
}
