using Journal.Api.Endpoints.Commands;
using Journal.Api.Http.Auth;
using Journal.Domain.Memory;
using Journal.Domain.Memory.UseCases;
using Journal.Projections.Memory;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Memory;

/// <summary>Memory commands: add, update, delete, purge (writer role); a retention pass on demand (admin role).</summary>
internal static class MemoryCommandEndpoints
{
    public static void MapMemoryCommands(this IEndpointRouteBuilder app)
    {
        var group = app.CommandGroup("/v1/memory", "Memory");
        group.MapPost("/items", AddMemoryItem).WithName(nameof(AddMemoryItem));
        group.MapPatch("/items/{itemId}", UpdateMemoryItem).WithName(nameof(UpdateMemoryItem));
        group.MapDelete("/items/{itemId}", DeleteMemoryItem).WithName(nameof(DeleteMemoryItem));
        group.MapPost("/purge", PurgeMemory).WithName(nameof(PurgeMemory));
        app.MapGroup("/v1/admin/memory").WithTags("Memory").RequireAuthorization(Policies.Admin)
            .MapPost("/retention", RunMemoryRetention).WithName(nameof(RunMemoryRetention));
    }

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

    internal static async Task<Ok<CommandResponse>> UpdateMemoryItem(Guid itemId, UpdateMemoryItemBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, MemoryItemDecider.StreamFor(itemId), context => new UpdateMemoryItemRequest(itemId, body.Tags, body.Confidence) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> DeleteMemoryItem(Guid itemId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, MemoryItemDecider.StreamFor(itemId), context => new DeleteMemoryItemRequest(itemId) { Context = context }, ct));

    internal static async Task<Ok<MemoryForgetReport>> PurgeMemory(PurgeMemoryBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new PurgeMemoryRequest(body.Scope) { Context = CommandDispatch.ContextOf(http) }, ct));

    internal static async Task<Ok<MemoryForgetReport>> RunMemoryRetention(MemoryRetention retention, CancellationToken ct) =>
        TypedResults.Ok(await retention.RunAsync(ct));
}
