using Journal.Domain.Errors;

namespace Journal.Domain.Deciding;

/// <summary>
/// Field checks shared by the deciders. Each failure is a <see cref="ValidationException"/> naming the
/// field, so a client can point at what to fix.
/// </summary>
public static class Require
{
    /// <summary>Characters allowed in keys that become part of a stream name.</summary>
    private const string KeyPunctuation = "-_.:@";

    /// <summary>Refuses null, empty or whitespace-only text, text over <paramref name="maxLength"/> and control characters.</summary>
    /// <returns>The text, unchanged.</returns>
    public static string Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ValidationException(field, "must not be empty");
        }

        return OptionalText(value, field, maxLength)!;
    }

    /// <summary>Like <see cref="Text"/>, but null is accepted (and returned as null).</summary>
    public static string? OptionalText(string? value, string field, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ValidationException(field, "must not be blank when given");
        }

        if (value.Length > maxLength)
        {
            throw new ValidationException(field, $"must be at most {maxLength} characters");
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new ValidationException(field, "must not contain control characters");
            }
        }

        return value;
    }

    /// <summary>
    /// Refuses anything but letters, digits and <c>- _ . : @</c>, at most <paramref name="maxLength"/>
    /// characters: such a key is safe inside a stream name and a URL.
    /// </summary>
    public static string Key(string? value, string field, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ValidationException(field, "must not be empty");
        }

        if (value.Length > maxLength)
        {
            throw new ValidationException(field, $"must be at most {maxLength} characters");
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !KeyPunctuation.Contains(c, StringComparison.Ordinal))
            {
                throw new ValidationException(field, "may hold only letters, digits and - _ . : @");
            }
        }

        if (value is "." or "..")
        {
            throw new ValidationException(field, "must not be . or ..");
        }

        return value;
    }

    /// <summary>Refuses the empty Guid: ids are always chosen by the caller.</summary>
    public static Guid Id(Guid value, string field)
    {
        if (value == Guid.Empty)
        {
            throw new ValidationException(field, "must not be the empty id");
        }

        return value;
    }

    /// <summary>Refuses a negative number.</summary>
    public static long NonNegative(long value, string field)
    {
        if (value < 0)
        {
            throw new ValidationException(field, "must not be negative");
        }

        return value;
    }
}
