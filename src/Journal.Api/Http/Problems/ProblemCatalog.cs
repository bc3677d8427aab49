using Microsoft.AspNetCore.Mvc;

namespace Journal.Api.Http.Problems;

/// <summary>
/// Builds every problem details body the service answers with: a stable <c>type</c>
/// (<c>https://journal.dev/problems/&lt;code&gt;</c>), a title, the status and a <c>code</c> extension.
/// </summary>
public static class ProblemCatalog
{
    /// <summary>Base of every problem type URI.</summary>
    public const string TypeBase = "https://journal.dev/problems/";

    /// <summary>A problem with a code; the type is derived from the code.</summary>
    public static ProblemDetails Create(int status, string code, string title, string? detail = null)
    {
        var problem = new ProblemDetails { Status = status, Type = TypeBase + code, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        return problem;
    }

    /// <summary>400 naming the field at fault.</summary>
    public static ProblemDetails Invalid(string field, string reason, string code = "validation.failed")
    {
        var problem = Create(StatusCodes.Status400BadRequest, code, "The request is not valid.", $"{field}: {reason}");
        problem.Extensions["field"] = field;
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [reason] };
        return problem;
    }

    /// <summary>
    /// 400 for a JSON body refused before it is bound (<c>request.malformed_json</c>, <c>request.duplicate_key</c>,
    /// <c>request.too_deep</c>): <c>field</c> is the JSON path without its root (<c>body</c> for the root), and
    /// the <c>path</c> (JSONPath), <c>offset</c> (byte, 0-based), <c>line</c> and <c>column</c> (1-based) extensions say where.
    /// </summary>
    public static ProblemDetails JsonBody(string code, string path, string reason, long offset, long line, long column)
    {
        var field = path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path[1..];
        var problem = Invalid(field, reason, code);
        problem.Extensions["path"] = path;
        problem.Extensions["offset"] = offset;
        problem.Extensions["line"] = line;
        problem.Extensions["column"] = column;
        return problem;
    }

    /// <summary>415: a JSON body declared in a charset other than UTF-8.</summary>
    public static ProblemDetails JsonNotUtf8() =>
        Create(StatusCodes.Status415UnsupportedMediaType, "media_type.unsupported", "The request cannot be handled.", "send JSON as UTF-8 (charset=utf-8, or no charset)");

    /// <summary>401: no key, or a key that is not configured.</summary>
    public static ProblemDetails Unauthorized() =>
        Create(StatusCodes.Status401Unauthorized, "auth.unauthenticated", "An API key is required.", "send a configured key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'");

    /// <summary>403: the key's role does not allow this.</summary>
    public static ProblemDetails Forbidden() =>
        Create(StatusCodes.Status403Forbidden, "auth.forbidden", "The API key's role does not allow this request.");

    /// <summary>413: the body is over the configured limit.</summary>
    public static ProblemDetails TooLarge(long limit) =>
        WithLimit(Create(StatusCodes.Status413PayloadTooLarge, "request.too_large", "The request body is too large.", $"the limit is {limit} bytes (Journal:MaxRequestBytes)"), limit);

    /// <summary>429: the key used up its requests for this minute.</summary>
    public static ProblemDetails TooManyRequests(int perMinute) =>
        Create(StatusCodes.Status429TooManyRequests, "rate_limit.exceeded", "Too many requests.", $"at most {perMinute} requests per minute per key (Journal:RateLimitPerMinute)");

    /// <summary>500: never carries the exception's text.</summary>
    public static ProblemDetails Unexpected() =>
        Create(StatusCodes.Status500InternalServerError, "internal.error", "An unexpected error occurred.", "the error was logged; retry later or report the trace id");

    /// <summary>A code for an answer the framework produced without one (an unknown route, a wrong method).</summary>
    public static string CodeForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "request.bad",
        StatusCodes.Status401Unauthorized => "auth.unauthenticated",
        StatusCodes.Status403Forbidden => "auth.forbidden",
        StatusCodes.Status404NotFound => "route.not_found",
        StatusCodes.Status405MethodNotAllowed => "method.not_allowed",
        StatusCodes.Status406NotAcceptable => "media_type.not_acceptable",
        StatusCodes.Status413PayloadTooLarge => "request.too_large",
        StatusCodes.Status415UnsupportedMediaType => "media_type.unsupported",
        StatusCodes.Status429TooManyRequests => "rate_limit.exceeded",
        >= 500 => "internal.error",
        _ => $"http.{status}",
    };

    private static ProblemDetails WithLimit(ProblemDetails problem, long limit)
    {
        problem.Extensions["limit"] = limit;
        return problem;
    }
}
