using System.Text.Json.Serialization;

namespace Journal.Domain.Cron.Jobs;

/// <summary>What a tick does when the job's previous run is still active.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConcurrencyPolicy>))]
public enum ConcurrencyPolicy
{
    /// <summary>The tick does not run; it is recorded as skipped (<c>concurrency_forbid</c>).</summary>
    Forbid,

    /// <summary>The active run is cancelled (<c>replaced</c>), then the new one starts.</summary>
    Replace,

    /// <summary>The tick waits as the one pending run; further ticks while one waits are skipped (<c>queue_full</c>).</summary>
    QueueOne,
}
