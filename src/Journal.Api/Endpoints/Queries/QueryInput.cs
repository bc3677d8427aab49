using Journal.Domain.Errors;

namespace Journal.Api.Endpoints.Queries;

/// <summary>Checks of query-string values the read-model queries share, each refusal naming its parameter.</summary>
internal static class QueryInput
{
    /// <summary>An enum given by name (any case); numbers are refused so that only known values pass.</summary>
    /// <exception cref="ValidationException">Not a name of <typeparamref name="TEnum"/>.</exception>
    public static TEnum? Enum<TEnum>(string? value, string field)
        where TEnum : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        foreach (var name in System.Enum.GetNames<TEnum>())
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
            {
                return System.Enum.Parse<TEnum>(name);
            }
        }

        throw new ValidationException(field, $"must be one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
    }

    /// <summary>A time-travel bound: null or from 0 (0 is before the first event).</summary>
    /// <exception cref="ValidationException">Negative.</exception>
    public static long? Bound(long? value, string field) =>
        value is < 0 ? throw new ValidationException(field, "must not be negative") : value;
}
