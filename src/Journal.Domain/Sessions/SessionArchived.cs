using Journal.Domain.Tape;

namespace Journal.Domain.Sessions;

/// <summary>A session was archived: it refuses every further change, and its key (if any) is released.</summary>
/// <param name="SessionKey">The key the session held, so the handler and projections know which claim ends.</param>
/// <param name="Reason">Why, if given.</param>
/// <param name="At">When.</param>
[EventType("session.archived.v1")]
public sealed record SessionArchived(Guid SessionId, string? SessionKey, string? Reason, DateTimeOffset At) : ISessionEvent;
