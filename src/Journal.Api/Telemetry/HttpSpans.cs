using System.Diagnostics;
using Journal.Api.Endpoints.Commands;
using Journal.EventStore.Tracing;
using Microsoft.AspNetCore.Http.Features;

namespace Journal.Api.Telemetry;

/// <summary>What the journal adds to the HTTP server span of a request (the one ASP.NET Core starts).</summary>
internal static class HttpSpans
{
    /// <summary>Attribute: the <c>type</c> of the problem details the request was answered with.</summary>
    public const string ProblemTypeTag = "journal.problem.type";

    /// <summary>Sets <paramref name="key"/> on the request's span, when it is recorded.</summary>
    public static void Tag(HttpContext http, string key, object? value)
    {
        if (http.Features.Get<IHttpActivityFeature>()?.Activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(key, value);
        }
    }

    /// <summary>
    /// At the start of a request: the correlation id it sends, when the service would accept it (a command
    /// without one gets the id it is given, see <see cref="CommandDispatch.ContextOf"/>).
    /// </summary>
    public static void Enrich(Activity activity, HttpRequest request)
    {
        var correlation = request.Headers[CommandDispatch.CorrelationIdHeader].ToString();
        if (CommandDispatch.IsAcceptedCorrelationId(correlation))
        {
            activity.SetTag(TraceTags.CorrelationId, correlation);
        }
    }
}
