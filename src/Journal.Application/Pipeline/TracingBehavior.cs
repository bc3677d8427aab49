using System.Diagnostics;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.EventStore.Tracing;
using MediatR;

namespace Journal.Application.Pipeline;

/// <summary>
/// Runs each request in a span (see <see cref="CommandTracing"/>), a child of the span around it (the
/// HTTP request's), tagged with the correlation id: the command's own, or for a query the one the span
/// around it carries. A failure ends the span in error, with the exception as an event and its code
/// (the problem type's last segment) as <c>error.type</c>. Outermost in the pipeline, so a refusal by
/// validation is inside the span; costs a check of the source's listeners when nobody traces.
/// </summary>
public sealed class TracingBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    // Per closed generic type, computed once: the span name never changes for a request type.
    private static readonly string SpanName = (typeof(ICommand).IsAssignableFrom(typeof(TRequest)) ? CommandTracing.CommandSpanPrefix : CommandTracing.QuerySpanPrefix) + typeof(TRequest).Name;

    /// <inheritdoc />
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!CommandTracing.Source.HasListeners())
        {
            return await next().ConfigureAwait(false);
        }

        var correlation = (request as ICommand)?.Context?.CorrelationId ?? Activity.Current?.GetTagItem(TraceTags.CorrelationId) as string;
        using var activity = CommandTracing.Source.StartActivity(SpanName, ActivityKind.Internal);
        activity?.SetTag(TraceTags.CorrelationId, correlation);
        try
        {
            return await next().ConfigureAwait(false);
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity.SetTag("error.type", (ex as JournalException)?.Code ?? ex.GetType().FullName);
            activity.AddException(ex);
            throw;
        }
    }
}
