using System.Text.Json.Serialization;

namespace Journal.Domain.Runs;

/// <summary>Where a run is in its life; see <see cref="RunTransitions"/> for the allowed moves.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>Accepted, not started yet.</summary>
    Accepted,

    /// <summary>Running.</summary>
    InProgress,

    /// <summary>Finished well (terminal).</summary>
    Succeeded,

    /// <summary>Finished badly (terminal).</summary>
    Failed,

    /// <summary>Stopped on request (terminal).</summary>
    Cancelled,
}
