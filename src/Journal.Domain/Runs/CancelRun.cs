namespace Journal.Domain.Runs;

/// <summary>Marks an active run as cancelled (it has stopped).</summary>
/// <param name="Reason">Why, optional.</param>
/// <param name="At">The current time.</param>
public sealed record CancelRun(Guid RunId, string? Reason, DateTimeOffset At) : RunCommand(RunId, At);
