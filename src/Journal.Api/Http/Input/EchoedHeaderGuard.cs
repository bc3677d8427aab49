using Journal.Api.Endpoints.Commands;
using Journal.Api.Http.Problems;

namespace Journal.Api.Http.Input;

/// <summary>
/// Refuses, with 400 naming the header, a request header the service copies into its response
/// (<c>X-Correlation-Id</c>) unless it is printable ASCII: a response header cannot carry anything else,
/// and the server would otherwise fail the request only after the command had been accepted.
/// </summary>
public sealed class EchoedHeaderGuard(RequestDelegate next)
{
    /// <summary>Checks the echoed headers of a request for an endpoint, then runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint
            && context.Request.Headers.TryGetValue(CommandDispatch.CorrelationIdHeader, out var values)
            && !values.ToString().All(c => c is >= ' ' and <= '~'))
        {
            await ProblemWriter.WriteAsync(context, ProblemCatalog.Invalid(CommandDispatch.CorrelationIdHeader, "must be printable ASCII (it is echoed on the response)"));
            return;
        }

        await next(context);
    }
}
