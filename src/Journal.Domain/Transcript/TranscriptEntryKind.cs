using System.Text.Json.Serialization;

namespace Journal.Domain.Transcript;

/// <summary>What a transcript entry records.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TranscriptEntryKind>))]
public enum TranscriptEntryKind
{
    /// <summary>What the user said.</summary>
    UserMessage,

    /// <summary>What the assistant said.</summary>
    AssistantMessage,

    /// <summary>The assistant called a tool (needs a tool name).</summary>
    ToolCall,

    /// <summary>A tool answered (needs a tool name).</summary>
    ToolResult,

    /// <summary>A change of state worth showing in the conversation.</summary>
    StateTransition,
}
