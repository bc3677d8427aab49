namespace Journal.Domain.Runs;

/// <summary>Marks a run in progress as succeeded; refused once a cancel was requested.</summary>
/// <param name="Summary">A short outcome, optional.</param>
/// <param name="At">The current time.</param>
public sealed record CompleteRun(Guid RunId, string? Summary, DateTimeOffset At) : RunCommand(RunId, At);
