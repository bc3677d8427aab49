using Journal.Api.Endpoints.Commands;
using Journal.Domain.Transcript;
using Journal.Domain.Transcript.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Transcript;

/// <summary>Body of <c>POST /v1/sessions/{sessionId}/transcript</c>.</summary>
/// <param name="Kind">UserMessage, AssistantMessage, ToolCall, ToolResult or StateTransition.</param>
/// <param name="Text">The entry's text (secrets are redacted before it is stored).</param>
/// <param name="EntryId">The new entry's id; the journal picks one when left out.</param>
/// <param name="RunId">The run it belongs to, optional.</param>
/// <param name="ToolName">Required for tool calls and results, refused for other kinds.</param>
public sealed record AppendTranscriptEntryBody(TranscriptEntryKind Kind, string Text, Guid? EntryId = null, Guid? RunId = null, string? ToolName = null);

/// <summary>Appends an entry to a session's transcript; <c>If-Match</c> and <c>ETag</c> are the transcript stream's version.</summary>
internal static class TranscriptCommandEndpoints
{
    public static void MapTranscriptCommands(this IEndpointRouteBuilder app)
    {
        var group = app.CommandGroup("/v1/sessions", FeatureTags.Transcript);
        group.MapPost("/{sessionId}/transcript", AppendTranscriptEntry).WithName(nameof(AppendTranscriptEntry));
    }

    /// <summary>Append a transcript entry</summary>
    /// <remarks>
    /// A user or assistant message, a tool call or result (with <c>toolName</c>) or a state transition, redacted
    /// before it is stored. <c>If-Match</c> and <c>ETag</c> are the transcript stream's version. Answers 201.
    /// </remarks>
    internal static async Task<Created<CommandResponse>> AppendTranscriptEntry(Guid sessionId, AppendTranscriptEntryBody body, HttpContext http, CancellationToken ct)
    {
        var response = await CommandDispatch.SendAsync(
            http,
            TranscriptDecider.StreamFor(sessionId),
            context => new AppendTranscriptEntryRequest(sessionId, body.EntryId, body.Kind, body.Text, body.RunId, body.ToolName) { Context = context },
            ct);
        return TypedResults.Created($"/v1/sessions/{sessionId}/transcript", response);
    }
}
