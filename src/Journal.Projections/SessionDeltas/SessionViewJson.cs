using System.Text.Json;
using System.Text.Json.Serialization;
using Journal.Projections.Sessions;

namespace Journal.Projections.SessionDeltas;

/// <summary>
/// The JSON form of a <see cref="SessionView"/> in session deltas: camelCase names, every field
/// written (nulls too), enums by name, times as ISO 8601 with offset.
/// </summary>
public static class SessionViewJson
{
    /// <summary>Writes a view.</summary>
    public static string Write(SessionView view) => JsonSerializer.Serialize(view, SessionViewJsonContext.Default.SessionView);

    /// <summary>Reads a view written by <see cref="Write"/>.</summary>
    public static SessionView Read(string json) =>
        JsonSerializer.Deserialize(json, SessionViewJsonContext.Default.SessionView) ?? throw new JsonException("a session view is not null");
}

/// <summary>Source-generated (de)serialization of <see cref="SessionView"/> with the web defaults (no reflection on the projection path).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SessionView))]
internal sealed partial class SessionViewJsonContext : JsonSerializerContext;
