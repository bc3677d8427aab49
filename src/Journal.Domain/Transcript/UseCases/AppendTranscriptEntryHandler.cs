using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Sessions.UseCases;
using MediatR;

namespace Journal.Domain.Transcript.UseCases;

/// <summary>
/// Adds an entry at the end of a live session's transcript; it gets the next number (1, 2, 3, ...).
/// The text is redacted by the tape before it is stored. Answers with the position written.
/// </summary>
/// <param name="SessionId">The session; it must exist and not be archived.</param>
/// <param name="EntryId">The new entry's id (a new one when null).</param>
/// <param name="Kind">What the entry records.</param>
/// <param name="Text">Its text.</param>
/// <param name="RunId">The run it belongs to, optional.</param>
/// <param name="ToolName">Required for tool calls and results, refused for other kinds.</param>
public sealed record AppendTranscriptEntryRequest(Guid SessionId, Guid? EntryId, TranscriptEntryKind Kind, string Text, Guid? RunId = null, string? ToolName = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="AppendTranscriptEntryRequest"/>.</summary>
public sealed class AppendTranscriptEntryHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<AppendTranscriptEntryRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(AppendTranscriptEntryRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = new AppendTranscriptEntry(request.SessionId, request.EntryId ?? Guid.CreateVersion7(now), request.Kind, request.Text, request.RunId, request.ToolName, now);
        return aggregates.ExecuteAsync(request, TranscriptDecider.StreamFor(request.SessionId), async (load, ct) =>
        {
            await LiveSession.RequireAsync(load, request.SessionId, ct);
            return DeciderLoading.Changes(await load.DecideAsync(TranscriptDecider.Value, entry, ct));
        }, cancellationToken);
    }
}
