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
    /// The versions an <c>If-Match</c> header accepts: null for none or <c>*</c> (any existing version),
    /// else a list. Weak tags never match (RFC 9110 uses the strong comparison for <c>If-Match</c>).
    /// </summary>
    /// <exception cref="ValidationException">The header is not a list of quoted versions.</exception>
    public static IfMatch? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        if (header.Trim() == "*")
        {
            return new IfMatch(true, []);
        }

        var versions = new List<long>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("W/", StringComparison.Ordinal))
            {
                continue;
            }

            if (part.Length < 3 || part[0] != '"' || part[^1] != '"'
                || !long.TryParse(part.AsSpan(1, part.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new ValidationException(IfMatch, "must be \"*\" or quoted stream versions such as \"3\"");
            }

            versions.Add(version);
        }

        return new IfMatch(false, versions);
    }
}

/// <summary>A parsed <c>If-Match</c>.</summary>
/// <param name="Any"><c>*</c>: any version of an existing stream.</param>
/// <param name="Versions">The versions accepted otherwise.</param>
public sealed record IfMatch(bool Any, IReadOnlyList<long> Versions)
{
    /// <summary>Whether a stream at <paramref name="actual"/> satisfies the precondition.</summary>
    public bool Accepts(long actual) => Any ? actual > 0 : Versions.Contains(actual);

    /// <summary>How the expectation reads in a conflict.</summary>
    public string Describe() => Any ? "stream-exists" : string.Join(",", Versions);
}
