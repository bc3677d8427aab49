using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using MediatR;

namespace Journal.Domain.Sessions.UseCases;

/// <summary>Opens a session; when it has a key, claims the key in the same append so two sessions never share one.</summary>
/// <param name="SessionId">The new session's id (a new one when null).</param>
/// <param name="Principal">On whose behalf.</param>
/// <param name="Device">The device.</param>
/// <param name="Channel">The channel.</param>
/// <param name="SessionKey">Optional stable key, unique among live sessions.</param>
/// <param name="Label">Optional label.</param>
public sealed record CreateSessionRequest(Guid? SessionId, string Principal, string Device, string Channel, string? SessionKey = null, string? Label = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="CreateSessionRequest"/>.</summary>
public sealed class CreateSessionHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<CreateSessionRequest, CommandResult>
{
    /// <inheritdoc />
    public async Task<CommandResult> Handle(CreateSessionRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sessionId = request.SessionId ?? Guid.CreateVersion7(now);
        var stream = SessionDecider.StreamFor(sessionId);
        var session = await aggregates.LoadAsync<SessionState, ISessionEvent>(stream, SessionDecider.Initial, SessionDecider.Evolve, cancellationToken);
        var created = SessionDecider.Decide(new CreateSession(sessionId, request.Principal, request.Device, request.Channel, request.SessionKey, request.Label, now), session.State);
        var changes = new List<AggregateChange> { new(stream, session.Version, [.. created], Fold.All(session.State, created, SessionDecider.Evolve)) };
        if (request.SessionKey is { } key)
        {
            var keyStream = SessionKeyDecider.StreamFor(key);
            var claim = await aggregates.LoadAsync<SessionKeyState, ISessionKeyEvent>(keyStream, SessionKeyDecider.Initial, SessionKeyDecider.Evolve, cancellationToken);
            var claimed = SessionKeyDecider.Decide(new ClaimSessionKey(key, sessionId, now), claim.State);
            changes.Add(new AggregateChange(keyStream, claim.Version, [.. claimed], Fold.All(claim.State, claimed, SessionKeyDecider.Evolve)));
        }

        return await aggregates.SaveAsync(changes, request, cancellationToken);
    }
}
