using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Transcript;
using MediatR;

namespace Journal.Domain.Sessions.UseCases;

/// <summary>
/// Archives a session. In the same append it releases the session's key (when it has one), so a new
/// session may claim it, and closes the session's transcript, so no entry lands after the archive.
/// </summary>
/// <param name="SessionId">The session.</param>
/// <param name="Reason">Why, optional.</param>
public sealed record ArchiveSessionRequest(Guid SessionId, string? Reason = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="ArchiveSessionRequest"/>.</summary>
public sealed class ArchiveSessionHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<ArchiveSessionRequest, CommandResult>
{
    /// <inheritdoc />
    public async Task<CommandResult> Handle(ArchiveSessionRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stream = SessionDecider.StreamFor(request.SessionId);
        var session = await aggregates.LoadAsync<SessionState, ISessionEvent>(stream, SessionDecider.Initial, SessionDecider.Evolve, cancellationToken);
        var archived = SessionDecider.Decide(new ArchiveSession(request.SessionId, request.Reason, now), session.State);
        var changes = new List<AggregateChange> { new(stream, session.Version, [.. archived], Fold.All(session.State, archived, SessionDecider.Evolve)) };
        if (session.State.SessionKey is { } key)
        {
            var keyStream = SessionKeyDecider.StreamFor(key);
            var claim = await aggregates.LoadAsync<SessionKeyState, ISessionKeyEvent>(keyStream, SessionKeyDecider.Initial, SessionKeyDecider.Evolve, cancellationToken);
            var released = SessionKeyDecider.Decide(new ReleaseSessionKey(key, request.SessionId, now), claim.State);
            changes.Add(new AggregateChange(keyStream, claim.Version, [.. released], Fold.All(claim.State, released, SessionKeyDecider.Evolve)));
        }

        var transcriptStream = TranscriptDecider.StreamFor(request.SessionId);
        var transcript = await aggregates.LoadAsync<TranscriptState, ITranscriptEvent>(transcriptStream, TranscriptDecider.Initial, TranscriptDecider.Evolve, cancellationToken);
        var closed = TranscriptDecider.Decide(new CloseTranscript(request.SessionId, now), transcript.State);
        changes.Add(new AggregateChange(transcriptStream, transcript.Version, [.. closed], Fold.All(transcript.State, closed, TranscriptDecider.Evolve)));
        return await aggregates.SaveAsync(changes, request, cancellationToken);
    }
}
