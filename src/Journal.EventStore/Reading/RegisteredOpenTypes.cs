using System.Data.Common;
using System.Globalization;

namespace Journal.EventStore.Reading;

/// <summary>The opening and closing types a category has registered for the kept open set, as either backend reads them.</summary>
internal static class RegisteredOpenTypes
{
    /// <summary>
    /// Whether the rows of <paramref name="reader"/> (event type, opens: a boolean or 0/1) are exactly
    /// <paramref name="openingTypes"/> and <paramref name="closingTypes"/>; false when there are none.
    /// </summary>
    public static bool AreExactly(DbDataReader reader, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes)
    {
        var opening = new HashSet<string>(StringComparer.Ordinal);
        var closing = new HashSet<string>(StringComparer.Ordinal);
        var any = false;
        while (reader.Read())
        {
            any = true;
            (Convert.ToBoolean(reader.GetValue(1), CultureInfo.InvariantCulture) ? opening : closing).Add(reader.GetString(0));
        }

        return any && opening.SetEquals(openingTypes) && closing.SetEquals(closingTypes);
    }
}
