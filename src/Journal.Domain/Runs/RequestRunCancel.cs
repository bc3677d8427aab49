namespace Journal.Domain.Runs;

/// <summary>Asks an active run to stop; asking again changes nothing.</summary>
/// <param name="RequestedBy">Who asks, optional.</param>
/// <param name="At">The current time.</param>
public sealed record RequestRunCancel(Guid RunId, string? RequestedBy, DateTimeOffset At) : RunCommand(RunId, At);
