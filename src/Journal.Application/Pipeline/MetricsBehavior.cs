using Journal.Projections.Querying;
using System.Diagnostics;
using Journal.Domain.Errors;
using MediatR;

namespace Journal.Application.Pipeline;

/// <summary>Counts handled and failed requests and records their latency, tagged by request name (and error code).</summary>
public sealed class MetricsBehavior<TRequest, TResponse>(CommandMetrics metrics) : IPipelineBehavior<TRequest, TResponse>
{
    /// <inheritdoc />
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var tag = new KeyValuePair<string, object?>("request", typeof(TRequest).Name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next().ConfigureAwait(false);
            metrics.Handled.Add(1, tag);
            return response;
        }
        catch (Exception ex)
        {
            metrics.Failed.Add(1, tag, new KeyValuePair<string, object?>("code", (ex as JournalException)?.Code ?? "unexpected"));
            throw;
        }
        finally
        {
            metrics.Latency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tag);
        }
    }
}
