using Journal.Domain.Tape;
using System.Globalization;
using Journal.Domain.Errors;

namespace Journal.Api.Endpoints.Commands;

/// <summary>Stream versions as entity tags: <c>"7"</c>. <c>If-Match</c> takes one of them or <c>*</c>.</summary>
public static class ETags
{
    /// <summary>The header name a precondition travels in.</summary>
    public const string IfMatch = "If-Match";

    /// <summary>The strong tag of a stream version.</summary>
    public static string Format(long streamVersion) => "\"" + streamVersion.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// The precondition of an <c>If-Match</c> header: null for none, <c>*</c> (any existing version), or the
    /// one strong tag of a stream version. A weak tag (<c>W/"3"</c>) could never match (RFC 9110 compares
    /// <c>If-Match</c> strongly) and a list names no one version to report in a conflict: both are refused
    /// as malformed, like an unquoted or non-numeric tag.
    /// </summary>
    /// <exception cref="ValidationException">The header is not <c>*</c> nor one quoted version.</exception>
    public static IfMatch? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var value = header.Trim();
        if (value == "*")
        {
            return new IfMatch(true, []);
        }

        if (value.Length < 3 || value[0] != '"' || value[^1] != '"'
            || !long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new ValidationException(IfMatch, "must be \"*\" or one strong quoted stream version such as \"3\" (no W/ prefix, no list)");
        }

        return new IfMatch(false, [version]);
    }
}

/// <summary>A parsed <c>If-Match</c>.</summary>
/// <param name="Any"><c>*</c>: any version of an existing stream.</param>
/// <param name="Versions">The versions accepted otherwise.</param>
public sealed record IfMatch(bool Any, IReadOnlyList<long> Versions)
{
    /// <summary>Whether a stream at <paramref name="actual"/> satisfies the precondition.</summary>
    public bool Accepts(long actual) => Any ? actual > 0 : Versions.Contains(actual);

    /// <summary>The precondition as an append's expected version (<c>*</c>: the stream must exist).</summary>
    public ExpectedVersion Expected => Any ? ExpectedVersion.StreamExists : ExpectedVersion.Exact(Versions[0]);
}
