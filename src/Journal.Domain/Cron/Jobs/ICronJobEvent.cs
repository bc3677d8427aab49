namespace Journal.Domain.Cron.Jobs;

/// <summary>Marker of the events of one cron job's stream, <c>cronjob-{jobId}</c>: the job and all its runs.</summary>
public interface ICronJobEvent
{
    /// <summary>The job.</summary>
    Guid JobId { get; }

    /// <summary>When.</summary>
    DateTimeOffset At { get; }
}
