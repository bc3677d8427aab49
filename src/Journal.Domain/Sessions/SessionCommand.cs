namespace Journal.Domain.Sessions;

/// <summary>A command decided by <see cref="SessionDecider"/>.</summary>
/// <param name="SessionId">The session the command is about.</param>
/// <param name="At">The current time, passed in.</param>
public abstract record SessionCommand(Guid SessionId, DateTimeOffset At);
