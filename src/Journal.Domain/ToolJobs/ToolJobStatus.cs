using System.Text.Json.Serialization;

namespace Journal.Domain.ToolJobs;

/// <summary>Where a tool job is in its life; see <see cref="ToolJobTransitions"/> for the allowed moves.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ToolJobStatus>))]
public enum ToolJobStatus
{
    /// <summary>Waiting to run.</summary>
    Queued,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Finished well (terminal).</summary>
    Succeeded,

    /// <summary>Finished badly; may be retried.</summary>
    Failed,

    /// <summary>Stopped on request (terminal).</summary>
    Cancelled,

    /// <summary>Ran out of time; may be retried.</summary>
    TimedOut,
}
