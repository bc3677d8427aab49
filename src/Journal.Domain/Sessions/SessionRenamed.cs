using Journal.Domain.Tape;

namespace Journal.Domain.Sessions;

/// <summary>A session's label changed.</summary>
/// <param name="Label">The new label.</param>
/// <param name="At">When.</param>
[EventType("session.renamed.v1")]
public sealed record SessionRenamed(Guid SessionId, string Label, DateTimeOffset At) : ISessionEvent;
