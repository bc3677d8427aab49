using Journal.Domain.Commands;
using Journal.EventStore.Aggregates;
using MediatR;

namespace Journal.EventStore.Pipeline;

/// <summary>
/// Lets a command decide on the aggregate states the store remembers without reading the tape first
/// (<see cref="AggregateStore.RunOptimisticAsync{T}"/>): the append's exact expected versions catch a
/// stale state, and the command then runs once more with every load read. Innermost, so a repeated
/// attempt is logged, measured and validated once.
/// </summary>
public sealed class OptimisticLoadBehavior<TRequest, TResponse>(IAggregateStore aggregates) : IPipelineBehavior<TRequest, TResponse>
{
    /// <inheritdoc />
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        request is ICommand && aggregates is AggregateStore store ? store.RunOptimisticAsync(() => next()) : next();
}
