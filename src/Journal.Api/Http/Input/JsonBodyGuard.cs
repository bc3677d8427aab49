using Journal.Api.Http.Problems;
using Microsoft.Net.Http.Headers;

namespace Journal.Api.Http.Input;

/// <summary>
/// Refuses a JSON body that is not strict JSON (see <see cref="JsonBodyCheck"/>) with 400 before the endpoint
/// binds it, so nothing is written and no later parser reads it another way; a JSON body in another charset
/// than UTF-8 is 415. Runs after <see cref="Limits.RequestBodyLimit"/>, which has already read the body into
/// memory: the bytes are checked where they are, and the body is left at its start for binding.
/// </summary>
public sealed class JsonBodyGuard(RequestDelegate next)
{
    /// <summary>Checks the body of a request for an endpoint, then runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.GetEndpoint() is RouteEndpoint && request.Body is MemoryStream { Length: > 0 } buffered && request.HasJsonContentType())
        {
            var problem = !IsUtf8(request.ContentType)
                ? ProblemCatalog.JsonNotUtf8()
                : buffered.TryGetBuffer(out var bytes) && JsonBodyCheck.Find(bytes) is { } fault
                    ? ProblemCatalog.JsonBody(fault.Code, fault.Path, fault.Reason, fault.Offset, fault.Line, fault.Column)
                    : null;
            if (problem is not null)
            {
                await ProblemWriter.WriteAsync(context, problem);
                return;
            }
        }

        await next(context);
    }

    private static bool IsUtf8(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (!mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || mediaType.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
}
