using Journal.Projections.Querying;

namespace Journal.Api.Endpoints.Queries;

/// <summary>
/// Sends a query's answer that is already JSON (<see cref="JsonBody"/>) as it is: 200, the same content type as a
/// serialized answer, its length up front, then gives the body's memory back.
/// </summary>
internal sealed class JsonBodyResult(JsonBody body) : IResult
{
    /// <summary>The content type the minimal APIs give a serialized answer.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (body)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            response.ContentLength = body.Written.Length;
            await response.Body.WriteAsync(body.Written, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
