using Journal.Domain.Commands;
using MediatR;

namespace Journal.EventStore.Pipeline;

/// <summary>
/// A command retried with the same idempotency key returns its first result without running again;
/// the same key on a different command is a conflict (<c>idempotency.key_conflict</c>). The key is
/// recorded in the transaction that appends the command's events, so it is as durable as they are.
/// </summary>
public sealed class IdempotencyBehavior<TRequest, TResponse>(IAggregateStore aggregates) : IPipelineBehavior<TRequest, TResponse>
{
    /// <inheritdoc />
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is ICommand { Context.IdempotencyKey: not null } command
            && await aggregates.FindReplayAsync(command, cancellationToken).ConfigureAwait(false) is TResponse replay)
        {
            return replay;
        }

        return await next().ConfigureAwait(false);
    }
}
