using System.Text.Json.Serialization;

namespace Journal.Domain.Approvals;

/// <summary>How far a decision reaches beyond the request it answers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApprovalScope>))]
public enum ApprovalScope
{
    /// <summary>This request only; nothing is remembered.</summary>
    Once,

    /// <summary>Remembered for the same subject for the rest of the session.</summary>
    Session,

    /// <summary>Remembered for the same subject in the session for a fixed duration after the decision.</summary>
    Timeboxed,
}
