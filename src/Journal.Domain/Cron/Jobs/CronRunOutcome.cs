using System.Text.Json.Serialization;

namespace Journal.Domain.Cron.Jobs;

/// <summary>How an executor says a run ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CronRunOutcome>))]
public enum CronRunOutcome
{
    /// <summary>It did its work.</summary>
    Succeeded,

    /// <summary>It failed; the retry policy decides whether the tick is tried again.</summary>
    Failed,
}
