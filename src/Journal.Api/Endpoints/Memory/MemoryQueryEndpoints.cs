using Journal.Domain.Memory;
using Journal.Projections.Memory;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Memory;

/// <summary>The memory read model: one item, and recall (a query with a body, hence POST).</summary>
internal static class MemoryQueryEndpoints
{
    public static void MapMemoryQueries(this IEndpointRouteBuilder app)
    {
        var group = app.QueryGroup("/v1/memory", FeatureTags.Memory);
        group.MapGet("/items/{itemId}", GetMemoryItem).WithName(nameof(GetMemoryItem));
        group.MapPost("/recall", RecallMemory).WithName(nameof(RecallMemory));
    }

    /// <summary>Get a memory item</summary>
    /// <remarks>
    /// The item with its scope, tags, source, confidence, times and embedding (null while its vector is being made).
    /// 404 <c>memory_item.not_found</c> once it is forgotten or expired.
    /// </remarks>
    internal static async Task<Ok<MemoryItemView>> GetMemoryItem(Guid itemId, IMediator mediator, CancellationToken ct, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new GetMemoryItemQuery(itemId, minPosition), ct));

    /// <summary>Recall memory</summary>
    /// <remarks>
    /// A query with a body, hence a POST that takes a reader key. Fuses full-text and vector search over the items of
    /// the scope, best first; each hit carries its score parts (text, vector, recency, quality), and <c>weights</c>
    /// overrides the configured weights for this recall.
    /// </remarks>
    internal static async Task<Ok<MemoryRecallResponse>> RecallMemory(RecallMemoryBody body, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(new MemoryRecallResponse(await mediator.Send(
            new RecallMemoryQuery(body.Text, new MemoryScope(body.Principal, body.Channel, body.SessionId), body.Limit, body.Tags, body.Sources, body.Weights, body.MinPosition), ct)));
}

/// <summary>The answer of <c>POST /v1/memory/recall</c>.</summary>
/// <param name="Hits">Best first.</param>
public sealed record MemoryRecallResponse(IReadOnlyList<MemoryHit> Hits);
