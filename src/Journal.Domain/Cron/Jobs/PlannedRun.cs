namespace Journal.Domain.Cron.Jobs;

/// <summary>A catch-up run waiting its turn.</summary>
/// <param name="Tick">The tick it runs for.</param>
/// <param name="Ticks">How many missed ticks it stands for (more than 1 for a collapsed run).</param>
public sealed record PlannedRun(DateTimeOffset Tick, int Ticks);
