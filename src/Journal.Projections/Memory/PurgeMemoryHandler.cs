using Journal.Domain.Commands;
using Journal.Domain.Memory;
using Journal.Domain.Memory.UseCases;
using Journal.Domain.Tape;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Memory;

/// <summary>
/// Forgets every item of a scope (a principal, optionally narrowed to a channel and/or a session),
/// expired ones included: each gets a <see cref="MemoryItemForgotten"/> event and its payloads are
/// erased from the tape. The items are found in the read model after it has caught up with the tape;
/// an item added while the purge runs may survive it (purge again).
/// </summary>
/// <param name="Scope">What to purge.</param>
public sealed record PurgeMemoryRequest(MemoryScope Scope) : IRequest<MemoryForgetReport>
{
    /// <summary>Who asks; ends up in the events' metadata.</summary>
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="PurgeMemoryRequest"/>.</summary>
public sealed class PurgeMemoryHandler(
    IAggregateStore aggregates, IEventStore tape, ProjectionDaemon daemon, ReadModelStore readModels, TimeProvider time)
    : IRequestHandler<PurgeMemoryRequest, MemoryForgetReport>
{
    /// <inheritdoc />
    /// <exception cref="Domain.Errors.ValidationException">A bad scope.</exception>
    public async Task<MemoryForgetReport> Handle(PurgeMemoryRequest request, CancellationToken cancellationToken)
    {
        var scope = (request.Scope ?? throw new Domain.Errors.ValidationException("scope", "is required")).Validated();
        await daemon.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        List<Guid> items;
        using (var connection = readModels.OpenReader())
        {
            items = ReadModelQueries.Rows(
                connection,
                MemorySql.SelectInScope,
                r => r.GetId(0),
                ("$principal", scope.Principal),
                ("$channel", scope.Channel),
                ("$session_id", ReadModelValues.Id(scope.SessionId)));
        }

        if (items.Count == 0)
        {
            return MemoryForgetReport.Empty;
        }

        var carrier = new MemoryCommandCarrier { Context = request.Context };
        var outcome = await MemoryForgetting.ForgetAsync(aggregates, tape, items, MemoryForgetReasons.Purged, carrier, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new MemoryForgetReport([.. outcome.Forgotten.Select(id => new MemoryRemoval(id, MemoryForgetReasons.Purged))], outcome.ErasedPayloads, outcome.Position);
    }
}

/// <summary>Carries a request's context into <see cref="MemoryForgetting"/> (which saves under it, without its idempotency key).</summary>
internal sealed record MemoryCommandCarrier : ICommand
{
    public CommandContext Context { get; init; } = CommandContext.None;
}
