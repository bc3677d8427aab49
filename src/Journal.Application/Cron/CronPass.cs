using Journal.Projections.Cron;
namespace Journal.Application.Cron;

/// <summary>What one scheduler pass did.</summary>
/// <param name="Due">Jobs that were due.</param>
/// <param name="Claimed">Runs this scheduler started (and published).</param>
/// <param name="Lost">Jobs another scheduler changed first (its append won; this one wrote nothing for them).</param>
/// <param name="EventsWritten">Events this scheduler appended.</param>
public sealed record CronPass(int Due, int Claimed, int Lost, int EventsWritten);
