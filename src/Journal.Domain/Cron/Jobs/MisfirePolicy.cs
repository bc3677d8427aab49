using System.Text.Json.Serialization;

namespace Journal.Domain.Cron.Jobs;

/// <summary>What happens to ticks missed while nothing ran them (the service was down).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MisfireAction>))]
public enum MisfireAction
{
    /// <summary>The missed ticks are recorded as one skipped record (<c>misfire</c>); the job goes on with the next future tick.</summary>
    Skip,

    /// <summary>The missed ticks run one after another, at most <see cref="MisfirePolicy.MaxCatchUp"/> runs; the last one stands for the rest.</summary>
    CatchUp,
}

/// <summary>The misfire policy of a job.</summary>
/// <param name="Action">Skip or CatchUp.</param>
/// <param name="MaxCatchUp">For CatchUp: most runs a catch-up makes (1..100); more missed ticks collapse into the last run.</param>
/// <param name="GraceSeconds">A tick this late or less (and the only one due) is on time, not a misfire (0..7 days; 60 by default).</param>
/// <param name="ReviewAfterSeconds">
/// When set: an outage longer than this puts the job in review instead; nothing runs until an operator
/// decides (1 s..7 days).
/// </param>
public sealed record MisfirePolicy(
    MisfireAction Action = MisfireAction.Skip,
    int MaxCatchUp = 1,
    long GraceSeconds = CronJobLimits.DefaultGraceSeconds,
    long? ReviewAfterSeconds = null);
