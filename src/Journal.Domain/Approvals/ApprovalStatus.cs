using System.Text.Json.Serialization;

namespace Journal.Domain.Approvals;

/// <summary>Where an approval is in its life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApprovalStatus>))]
public enum ApprovalStatus
{
    /// <summary>Waiting for a decision.</summary>
    Pending,

    /// <summary>Allowed (final).</summary>
    Allowed,

    /// <summary>Denied (final).</summary>
    Denied,

    /// <summary>Nobody decided before it expired (final).</summary>
    TimedOut,
}
