namespace Journal.Domain.Sessions;

/// <summary>A command decided by <see cref="SessionKeyDecider"/>.</summary>
/// <param name="SessionKey">The key the command is about.</param>
/// <param name="SessionId">The session claiming or releasing it.</param>
/// <param name="At">The current time.</param>
public abstract record SessionKeyCommand(string SessionKey, Guid SessionId, DateTimeOffset At);
