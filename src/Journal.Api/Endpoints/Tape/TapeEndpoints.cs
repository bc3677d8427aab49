using Journal.Domain.Errors;
using Journal.EventStore;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Tape;

/// <summary>The tape itself: pages of events, the head, and the live tail.</summary>
internal static class TapeEndpoints
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;

    public static void MapTape(this IEndpointRouteBuilder app)
    {
        var group = app.QueryGroup("/v1/journal", "Tape");
        group.MapGet("/events", ReadEvents).WithName(nameof(ReadEvents));
        group.MapGet("/head", ReadHead).WithName(nameof(ReadHead));
        group.MapGet("/stream", TapeTail.StreamAsync).WithName("StreamEvents").Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }

    internal static async Task<Ok<TapePage>> ReadEvents(SqliteEventStore tape, CancellationToken ct, long? from = null, int? limit = null)
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

    internal static async Task<Ok<TapeHeadView>> ReadHead(SqliteEventStore tape, CancellationToken ct)
    {
        var head = await tape.ReadHeadAsync(ct);
        return TypedResults.Ok(new TapeHeadView(head.Seq, Convert.ToHexStringLower(head.Hash.Span)));
    }
}
