using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using MediatR;

namespace Journal.Domain.Sessions.UseCases;

/// <summary>Opens a session; when it has a key, claims the key in the same append so two sessions never share one.</summary>
/// <param name="SessionId">The new session's id (a new one when null).</param>
/// <param name="Principal">On whose behalf.</param>
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
    public Task<CommandResult> Handle(CreateSessionRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sessionId = request.SessionId ?? Guid.CreateVersion7(now);
        return aggregates.ExecuteAsync(request, SessionDecider.StreamFor(sessionId), async (load, ct) =>
        {
            var created = await load.DecideAsync(SessionDecider.Value, new CreateSession(sessionId, request.Principal, request.Device, request.Channel, request.SessionKey, request.Label, now), ct);
            var claimed = request.SessionKey is { } key
                ? await load.DecideAsync(SessionKeyDecider.Value, new ClaimSessionKey(key, sessionId, now), ct)
                : null;
            return DeciderLoading.Changes(created, claimed);
        }, cancellationToken);
    }
}
