using Journal.Domain.Tape;
using Journal.EventStore.Ports;

namespace Journal.EventStore.Tests.Conformance;

/// <summary>
/// The ports of one freshly opened, empty tape backend, as the conformance suite sees it, and how to
/// close it (and remove whatever it stored).
/// </summary>
/// <param name="Store">The domain's tape.</param>
/// <param name="Aggregates">The write side's port (stream catch-up reads, idempotency records).</param>
/// <param name="Feed">The read side's port (committed positions, pages).</param>
/// <param name="Verification">The chain checks.</param>
/// <param name="Inspection">The operator's view: schema, sizes, maintenance.</param>
/// <param name="Close">Closes the backend and removes its storage.</param>
/// <param name="OpenSetMoves">Group commits that moved the kept open set so far (the writer's seam for tests).</param>
public sealed record TapeBackend(IEventStore Store, IAggregateTape Aggregates, ITapeFeed Feed, ITapeVerification Verification, ITapeInspection Inspection, Func<ValueTask> Close, Func<long> OpenSetMoves) : IAsyncDisposable
{
    /// <inheritdoc />
    public ValueTask DisposeAsync() => Close();
}
