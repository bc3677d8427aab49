namespace Journal.Domain.Runs;

/// <summary>Moves an accepted run to in progress.</summary>
/// <param name="At">The current time.</param>
public sealed record StartRun(Guid RunId, DateTimeOffset At) : RunCommand(RunId, At);
