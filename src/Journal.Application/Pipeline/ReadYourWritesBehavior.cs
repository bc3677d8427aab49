using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using MediatR;

namespace Journal.Application.Pipeline;

/// <summary>Makes a read-model query wait for its projections to reach the position it names.</summary>
public sealed class ReadYourWritesBehavior<TRequest, TResponse>(ProjectionDaemon daemon) : IPipelineBehavior<TRequest, TResponse>
{
    /// <inheritdoc />
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is IReadModelQuery readModelQuery)
        {
            // A query before the daemon's first catch-up still finds the tables (empty), never a missing file.
            daemon.EnsureInitialized();
        }

        if (request is IReadModelQuery { MinPosition: { } position } query)
        {
            if (position < 0)
            {
                throw new Domain.Errors.ValidationException("minPosition", "must not be negative");
            }

            await daemon.WaitForAsync(position, query.Projections, cancellationToken).ConfigureAwait(false);
        }

        return await next().ConfigureAwait(false);
    }
}
