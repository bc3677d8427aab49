using Journal.Api.Endpoints.Commands;
using Journal.Api.Http.Auth;
using Journal.Domain.Memory;
using Journal.Domain.Memory.UseCases;
using Journal.Projections.Memory;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Journal.Application.Memory;

namespace Journal.Api.Endpoints.Memory;

/// <summary>Memory commands: add, update, delete, purge (writer role); a retention pass on demand (admin role).</summary>
internal static class MemoryCommandEndpoints
{
    public static void MapMemoryCommands(this IEndpointRouteBuilder app)
    {
        var group = app.CommandGroup("/v1/memory", FeatureTags.Memory);
        group.MapPost("/items", AddMemoryItem).WithName(nameof(AddMemoryItem));
        group.MapPatch("/items/{itemId}", UpdateMemoryItem).WithName(nameof(UpdateMemoryItem));
        group.MapDelete("/items/{itemId}", DeleteMemoryItem).WithName(nameof(DeleteMemoryItem));
        group.MapPost("/purge", PurgeMemory).WithName(nameof(PurgeMemory));
        app.MapGroup("/v1/admin/memory").WithTags(FeatureTags.Memory).RequireAuthorization(Policies.Admin)
            .MapPost("/retention", RunMemoryRetention).WithName(nameof(RunMemoryRetention));
    }

    /// <summary>Remember an item</summary>
    /// <remarks>
    /// Stores a text in a scope (a principal, optionally narrowed to a channel and/or a session), normalized and
    /// redacted before it is indexed or embedded, with its source, tags, confidence and an optional time to live.
    /// Answers 201 with <c>Location</c>.
    /// </remarks>
    internal static async Task<Created<CommandResponse>> AddMemoryItem(AddMemoryItemBody body, HttpContext http, CancellationToken ct)
    {
        var response = await CommandDispatch.SendAsync(
            http,
            null,
            context => new AddMemoryItemRequest(
                body.ItemId, new MemoryScope(body.Principal, body.Channel, body.SessionId), body.Content, body.Source ?? MemorySources.Manual, body.Tags, body.Confidence, body.TtlSeconds)
            { Context = context },
            ct);
        return TypedResults.Created($"/v1/memory/items/{EndpointConventions.IdOf(response.Stream)}", response);
    }

    /// <summary>Change a memory item's tags or confidence</summary>
    /// <remarks>
    /// What is left out stays; at least one of <c>tags</c> and <c>confidence</c>. 422 <c>memory.forgotten</c> for a
    /// forgotten item.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> UpdateMemoryItem(Guid itemId, UpdateMemoryItemBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, MemoryItemDecider.StreamFor(itemId), context => new UpdateMemoryItemRequest(itemId, body.Tags, body.Confidence) { Context = context }, ct));

    /// <summary>Forget a memory item</summary>
    /// <remarks>
    /// Forgotten for good: the payloads of its earlier events are erased from the tape, and it leaves the read model,
    /// the full-text index and the vectors. Deleting it again writes nothing.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> DeleteMemoryItem(Guid itemId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, MemoryItemDecider.StreamFor(itemId), context => new DeleteMemoryItemRequest(itemId) { Context = context }, ct));

    /// <summary>Forget a scope's memory</summary>
    /// <remarks>
    /// Forgets every item stored in the scope or a narrower one (a principal-wide purge reaches the principal's
    /// channel and session items, never another principal's) and answers what was removed.
    /// </remarks>
    internal static async Task<Ok<MemoryForgetReport>> PurgeMemory(PurgeMemoryBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new PurgeMemoryRequest(body.Scope) { Context = CommandDispatch.ContextOf(http) }, ct));

    /// <summary>Run memory retention now</summary>
    /// <remarks>
    /// Admin role. Forgets the items past their time to live, then, per the retention settings, items too old and,
    /// per principal, the oldest beyond the item and size limits; it also runs every hour. Answers what it removed
    /// and why.
    /// </remarks>
    internal static async Task<Ok<MemoryForgetReport>> RunMemoryRetention(MemoryRetention retention, CancellationToken ct) =>
        TypedResults.Ok(await retention.RunAsync(ct));
}
