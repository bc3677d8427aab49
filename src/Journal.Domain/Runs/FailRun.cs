namespace Journal.Domain.Runs;

/// <summary>Marks an active run as failed.</summary>
/// <param name="Reason">Why.</param>
/// <param name="At">The current time.</param>
public sealed record FailRun(Guid RunId, string Reason, DateTimeOffset At) : RunCommand(RunId, At);
