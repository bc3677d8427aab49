namespace Journal.Domain.Cron.Jobs;

/// <summary>A "run now" request waiting for the scheduler to start it.</summary>
/// <param name="RunId">The id the run will have.</param>
/// <param name="By">Who asked.</param>
/// <param name="RequestedAt">When; the run's tick.</param>
public sealed record ManualCronRun(Guid RunId, string? By, DateTimeOffset RequestedAt);
