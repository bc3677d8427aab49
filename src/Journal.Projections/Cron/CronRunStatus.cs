using System.Text.Json.Serialization;

namespace Journal.Projections.Cron;

/// <summary>Where a run record is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CronRunStatus>))]
public enum CronRunStatus
{
    /// <summary>Started, not finished.</summary>
    Active,

    /// <summary>Finished well.</summary>
    Succeeded,

    /// <summary>Failed (see <see cref="CronRunView.Error"/>; a retry may follow).</summary>
    Failed,

    /// <summary>Not finished by its timeout.</summary>
    StaleFailed,

    /// <summary>Cancelled (replaced by a newer tick).</summary>
    Cancelled,

    /// <summary>A tick that did not run (see <see cref="CronRunView.Reason"/>).</summary>
    Skipped,

    /// <summary>Missed ticks an operator denied.</summary>
    Denied,

    /// <summary>A tick that waited as the pending run (QueueOne); it runs as its own record, trigger <c>queued</c>.</summary>
    Queued,
}
