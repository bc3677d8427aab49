using System.Text.Json;
using Journal.Projections.Sessions;

namespace Journal.Projections.SessionDeltas;

/// <summary>
/// The JSON form of a <see cref="SessionView"/> in session deltas: camelCase names, every field
/// written (nulls too), enums by name, times as ISO 8601 with offset.
/// </summary>
public static class SessionViewJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Writes a view.</summary>
    public static string Write(SessionView view) => JsonSerializer.Serialize(view, Options);

    /// <summary>Reads a view written by <see cref="Write"/>.</summary>
    public static SessionView Read(string json) =>
        JsonSerializer.Deserialize<SessionView>(json, Options) ?? throw new JsonException("a session view is not null");
}
