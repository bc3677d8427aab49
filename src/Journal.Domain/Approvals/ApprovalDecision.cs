using System.Text.Json.Serialization;

namespace Journal.Domain.Approvals;

/// <summary>A human's answer.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApprovalDecision>))]
public enum ApprovalDecision
{
    /// <summary>Go ahead.</summary>
    Allow,

    /// <summary>Do not.</summary>
    Deny,
}
