using System.Text.Json.Serialization;

namespace Journal.Domain.Runs;

/// <summary>How a run relates to its session.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunKind>))]
public enum RunKind
{
    /// <summary>The run the user waits on; at most one active per session.</summary>
    Foreground,

    /// <summary>Work that goes on without the user waiting.</summary>
    Background,

    /// <summary>A run started by another run (its parent).</summary>
    Delegated,
}
