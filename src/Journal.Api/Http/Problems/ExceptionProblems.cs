using System.Text.Json;
using System.Text.RegularExpressions;
using Journal.Domain.Errors;
using Journal.EventStore.Storage;
using Journal.Projections.Runtime;
using Microsoft.AspNetCore.Mvc;

namespace Journal.Api.Http.Problems;

/// <summary>
/// The one mapping from the journal's typed exceptions (and the framework's bad-request ones) to
/// problem details. Anything it does not know is a 500 that carries none of the exception's text.
/// </summary>
public static partial class ExceptionProblems
{
    /// <summary>Seconds a client should wait before retrying a 503.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>The problem for <paramref name="exception"/>, or null when it is not one the service reports on purpose.</summary>
    public static ProblemDetails? Map(Exception exception) => exception switch
    {
        ValidationException e => ProblemCatalog.Invalid(FieldName(e.Field), e.Reason),
        NotFoundException e => WithExtensions(ProblemCatalog.Create(StatusCodes.Status404NotFound, e.Code, "Not found.", e.Message), ("kind", e.Kind), ("id", e.Id)),
        WrongExpectedVersionException e => WithExtensions(
            ProblemCatalog.Create(StatusCodes.Status409Conflict, e.Code, "The stream is not at the expected version.", e.Message),
            ("stream", e.Stream), ("expected", ExpectedVersion(e.Expected)), ("actual", e.Actual)),
        EventIdConflictException e => ProblemCatalog.Create(StatusCodes.Status409Conflict, e.Code, "The event id is taken.", e.Message),
        RuleViolationException e when IsConflict(e.Code) => ProblemCatalog.Create(StatusCodes.Status409Conflict, e.Code, "Conflict.", e.Message),
        RuleViolationException e => ProblemCatalog.Create(StatusCodes.Status422UnprocessableEntity, e.Code, "The request breaks a rule of the journal.", e.Message),
        TooLargeException e => WithExtensions(ProblemCatalog.Create(StatusCodes.Status413PayloadTooLarge, e.Code, "Too large.", e.Message), ("limit", e.Limit)),
        StaleReadException e => WithExtensions(
            ProblemCatalog.Create(StatusCodes.Status503ServiceUnavailable, e.Code, "The read models are behind.", e.Message), ("wanted", e.Wanted), ("reached", e.Reached)),
        StorageException { Code: StorageException.Full } e => ProblemCatalog.Create(StatusCodes.Status507InsufficientStorage, e.Code, "The journal's storage is full.", "nothing was written; appends resume when space is freed, reads still work"),
        StorageException e => ProblemCatalog.Create(StatusCodes.Status503ServiceUnavailable, e.Code, "The journal's storage is unavailable.", "the tape could not be read or written; retry later"),
        Domain.Canvas.Patching.JsonPatchException e => WithExtensions(
            ProblemCatalog.Create(e.Error == Domain.Canvas.Patching.JsonPatchError.Malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity, e.Code, "The JSON Patch cannot be applied.", e.Message),
            ("operation", e.OperationIndex), ("op", e.Op)),
        JournalException e => ProblemCatalog.Create(StatusCodes.Status422UnprocessableEntity, e.Code, "The request was refused.", e.Message),
        EventStore.Merkle.Tree.MerkleTreeOffException e => ProblemCatalog.Create(StatusCodes.Status503ServiceUnavailable, EventStore.Merkle.Tree.MerkleTreeOffException.Code, "The tape's Merkle tree is turned off.", e.Message),
        BadHttpRequestException e => FromBadRequest(e),
        JsonException e => FromJson(e),
        _ => null,
    };

    /// <summary>Whether a 503 for this exception should carry <c>Retry-After</c>.</summary>
    public static bool IsTransient(Exception exception) => exception is StaleReadException or StorageException;

    /// <summary>Domain fields are record member names (<c>SessionId</c>); the API spells them in camelCase (header names stay as they are).</summary>
    public static string FieldName(string field) =>
        field.Length > 0 && char.IsUpper(field[0]) && !field.Contains('-', StringComparison.Ordinal) ? char.ToLowerInvariant(field[0]) + field[1..] : field;

    /// <summary>
    /// The version a conflict expected, as a number on every endpoint (a stream that must not exist yet
    /// expected 0); null for an expectation that names no version (<c>If-Match: *</c>, a stream that must exist).
    /// </summary>
    private static long? ExpectedVersion(string expected) =>
        expected == "no-stream" ? 0
        : long.TryParse(expected, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version
        : null;

    private static bool IsConflict(string code) =>
        code.EndsWith("_conflict", StringComparison.Ordinal);

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            return FromJson(json);
        }

        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ProblemCatalog.Create(StatusCodes.Status413PayloadTooLarge, "request.too_large", "The request body is too large.");
        }

        if (exception.StatusCode != StatusCodes.Status400BadRequest)
        {
            var code = ProblemCatalog.CodeForStatus(exception.StatusCode);
            return ProblemCatalog.Create(exception.StatusCode, code, "The request cannot be handled.", code == "media_type.unsupported" ? "send the body as application/json" : null);
        }

        var parameter = ParameterPattern().Match(exception.Message);
        var field = parameter.Success ? parameter.Groups["name"].Value : "request";
        var reason = exception.Message.Contains("no body was provided", StringComparison.Ordinal) || exception.Message.StartsWith("Required parameter", StringComparison.Ordinal)
            ? "is required"
            : "is not a valid value";
        return ProblemCatalog.Invalid(field, reason, "request.invalid_parameter");
    }

    private static ProblemDetails FromJson(JsonException exception)
    {
        var message = exception.Message;
        var missing = MissingPattern().Match(message);
        if (missing.Success)
        {
            return ProblemCatalog.Invalid(JoinPath(exception.Path, missing.Groups["name"].Value), "is required", "request.missing_field");
        }

        var unknown = UnknownPattern().Match(message);
        if (unknown.Success)
        {
            return ProblemCatalog.Invalid(JoinPath(Parent(exception.Path, unknown.Groups["name"].Value), unknown.Groups["name"].Value), "is not a field of this request", "request.unknown_field");
        }

        var path = PathOf(exception.Path);
        if (DuplicatePattern().IsMatch(message))
        {
            // Only when a repeated key got past JsonBodyGuard: the serializer names the key, or for a raw JSON value the value holding it.
            return ProblemCatalog.Invalid(path.Length == 0 ? "body" : path, "repeats a key of its object", "request.duplicate_key");
        }

        // Too deep is reported by the serializer ("maximum configured depth") or, while skipping a value, by
        // the reader ("maximum allowed depth"): either way it is the depth limit, checked before the reader case.
        if (message.Contains("maximum configured depth", StringComparison.Ordinal) || exception.InnerException?.Message.Contains("maximum allowed depth", StringComparison.Ordinal) == true)
        {
            return ProblemCatalog.Invalid(path.Length == 0 ? "body" : path, "is nested too deeply (at most 32 levels)", "request.too_deep");
        }

        if (exception.InnerException?.GetType().Name == "JsonReaderException")
        {
            return ProblemCatalog.Invalid(path.Length == 0 ? "body" : path, "is not valid JSON", "request.malformed_json");
        }

        return ProblemCatalog.Invalid(path.Length == 0 ? "body" : path, "has the wrong type or format", "request.wrong_type");
    }

    private static string PathOf(string? jsonPath) =>
        jsonPath is null or "$" ? string.Empty : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static string Parent(string? jsonPath, string name)
    {
        var path = PathOf(jsonPath);
        return path == name || path.EndsWith("." + name, StringComparison.Ordinal) ? path[..Math.Max(0, path.Length - name.Length - 1)] : path;
    }

    private static string JoinPath(string? parent, string name)
    {
        var path = parent is null || parent.StartsWith('$') ? PathOf(parent) : parent;
        return path.Length == 0 ? name : path + "." + name;
    }

    private static ProblemDetails WithExtensions(ProblemDetails problem, params (string Key, object? Value)[] extensions)
    {
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    [GeneratedRegex("parameter \"(?:[^\"]+ )?(?<name>[A-Za-z0-9_]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterPattern();

    [GeneratedRegex("missing required properties including: '(?<name>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex MissingPattern();

    [GeneratedRegex("^Duplicate property '.*' encountered during deserialization", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex DuplicatePattern();

    [GeneratedRegex("The JSON property '(?<name>[^']+)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownPattern();
}
