using Journal.Projections.Querying;
using System.Diagnostics;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Journal.Application.Pipeline;

/// <summary>
/// One structured log line per request: its name, correlation id, outcome and duration. Never the
/// request's content (it may hold text the redactor has not seen yet). Handled and refused requests
/// (<see cref="JournalException.IsRefusal"/>, with their code) log at Information; a failure of the
/// storage or the read models at Warning; anything unexpected at Error.
/// </summary>
public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger) : IPipelineBehavior<TRequest, TResponse>
{
    /// <inheritdoc />
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var correlation = (request as ICommand)?.Context?.CorrelationId;
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["Request"] = name, ["CorrelationId"] = correlation });
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next().ConfigureAwait(false);
            logger.LogInformation("{Request} handled in {ElapsedMs:0.0} ms (correlation {CorrelationId})", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, correlation);
            return response;
        }
        catch (JournalException ex) when (ex.IsRefusal)
        {
            // A business outcome (the caller gets a 4xx), not something for an operator to act on.
            logger.LogInformation("{Request} refused with {Code} in {ElapsedMs:0.0} ms (correlation {CorrelationId})", name, ex.Code, Stopwatch.GetElapsedTime(started).TotalMilliseconds, correlation);
            throw;
        }
        catch (JournalException ex)
        {
            logger.LogWarning(ex, "{Request} failed with {Code} in {ElapsedMs:0.0} ms (correlation {CorrelationId})", name, ex.Code, Stopwatch.GetElapsedTime(started).TotalMilliseconds, correlation);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "{Request} failed in {ElapsedMs:0.0} ms (correlation {CorrelationId})", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, correlation);
            throw;
        }
    }
}
