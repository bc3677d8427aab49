namespace Journal.Domain.Tape;

/// <summary>
/// The name of a stream on the tape: <c>category-id</c>, for example <c>session-3f2a...</c>.
/// Restricted to a small, path-safe character set so that ids can travel in URLs and file names.
/// </summary>
public readonly record struct StreamId
{
    /// <summary>The longest stream name accepted.</summary>
    public const int MaxLength = 200;

    private StreamId(string value) => Value = value;

    /// <summary>The stream name as stored on the tape.</summary>
    public string Value { get; }

    /// <summary>The part before the first <c>-</c>: the stream's category (or the whole name when it has none).</summary>
    public string Category
    {
        get
        {
            var dash = Value.IndexOf('-', StringComparison.Ordinal);
            return dash > 0 ? Value[..dash] : Value;
        }
    }

    /// <summary>Builds a stream id from a category and an id, for example <c>For("session", id)</c>.</summary>
    public static StreamId For(string category, string id) => Parse(category + "-" + id);

    /// <summary>Parses and validates a stream name.</summary>
    /// <exception cref="Errors.ValidationException">The name is empty, too long or has a character outside the allowed set.</exception>
    public static StreamId Parse(string? value)
    {
        if (!IsValid(value, out var reason))
        {
            throw new Errors.ValidationException("stream", reason);
        }

        return new StreamId(value!);
    }

    /// <summary>Whether <paramref name="value"/> is a valid stream name; <paramref name="reason"/> says why not.</summary>
    public static bool IsValid(string? value, out string reason)
    {
        if (string.IsNullOrEmpty(value))
        {
            reason = "a stream id must not be empty";
            return false;
        }

        if (value.Length > MaxLength)
        {
            reason = $"a stream id must be at most {MaxLength} characters";
            return false;
        }

        foreach (var c in value)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or ':' or '@';
            if (!ok)
            {
                reason = "a stream id may hold only letters, digits and - _ . : @";
                return false;
            }
        }

        if (value is "." or "..")
        {
            reason = "a stream id must not be . or ..";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
