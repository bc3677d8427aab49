using System.Text.Json.Serialization;

namespace Journal.Domain.ToolJobs;

/// <summary>Which output of a tool a chunk came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ToolOutputStream>))]
public enum ToolOutputStream
{
    /// <summary>Standard output.</summary>
    Stdout,

    /// <summary>Standard error.</summary>
    Stderr,
}
