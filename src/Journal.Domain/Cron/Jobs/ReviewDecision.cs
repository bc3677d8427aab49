using System.Text.Json.Serialization;

namespace Journal.Domain.Cron.Jobs;

/// <summary>An operator's answer to a job in review.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewDecision>))]
public enum ReviewDecision
{
    /// <summary>Run the missed ticks: as a catch-up (misfire policy CatchUp) or as one collapsed run (Skip).</summary>
    Run,

    /// <summary>Do not run them: they are recorded as denied.</summary>
    Skip,
}
