namespace Journal.Domain.Runs;

/// <summary>A command decided by <see cref="RunDecider"/>.</summary>
/// <param name="RunId">The run the command is about.</param>
/// <param name="At">The current time.</param>
public abstract record RunCommand(Guid RunId, DateTimeOffset At);
