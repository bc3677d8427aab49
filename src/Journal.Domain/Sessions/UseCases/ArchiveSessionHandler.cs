using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Transcript;
using MediatR;

namespace Journal.Domain.Sessions.UseCases;

/// <summary>
/// Archives a session. In the same append it releases the session's key (when it has one), so a new
/// session may claim it, and closes the session's transcript, so no entry lands after the archive.
/// The reason is optional; a session whose foreground run is still active is refused.
/// </summary>
public sealed record ArchiveSessionRequest(Guid SessionId, string? Reason = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="ArchiveSessionRequest"/>.</summary>
public sealed class ArchiveSessionHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<ArchiveSessionRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(ArchiveSessionRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var archive = new ArchiveSession(request.SessionId, request.Reason, now);
        return aggregates.ExecuteAsync(request, SessionDecider.Value.Stream(archive), async (load, ct) =>
        {
            var archived = await load.DecideAsync(SessionDecider.Value, archive, ct);
            var released = (archived?.NewState as SessionState)?.SessionKey is { } key
                ? await load.DecideAsync(SessionKeyDecider.Value, new ReleaseSessionKey(key, request.SessionId, now), ct)
                : null;
            var closed = await load.DecideAsync(TranscriptDecider.Value, new CloseTranscript(request.SessionId, now), ct);
            return DeciderLoading.Changes(archived, released, closed);
        }, cancellationToken);
    }
}
