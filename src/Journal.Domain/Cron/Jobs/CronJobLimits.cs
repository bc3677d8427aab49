namespace Journal.Domain.Cron.Jobs;

/// <summary>Field limits and defaults of cron jobs.</summary>
public static class CronJobLimits
{
    /// <summary>Longest job name.</summary>
    public const int NameMaxLength = 200;

    /// <summary>Longest owner principal.</summary>
    public const int OwnerMaxLength = 128;

    /// <summary>Longest channel (a key such as <c>telegram:ops</c>).</summary>
    public const int ChannelMaxLength = 128;

    /// <summary>Longest session key.</summary>
    public const int SessionKeyMaxLength = 128;

    /// <summary>Largest payload, in characters of its JSON text.</summary>
    public const int PayloadMaxLength = 64 * 1024;

    /// <summary>Longest cron expression text.</summary>
    public const int ExpressionMaxLength = 256;

    /// <summary>Retry attempts: 1 (no retry) to 16.</summary>
    public const int MaxAttempts = 16;

    /// <summary>Longest backoff, jitter, timeout, grace or review window: 7 days, in seconds.</summary>
    public const long MaxSeconds = 7L * 24 * 60 * 60;

    /// <summary>Most runs one catch-up makes.</summary>
    public const int MaxCatchUp = 100;

    /// <summary>Missed ticks are counted up to this many; a longer outage reports this number.</summary>
    public const int MissedCountCap = 100_000;

    /// <summary>Longest error text kept for a failed run.</summary>
    public const int ErrorMaxLength = 4000;

    /// <summary>Longest "by" (who paused, resumed, deleted or decided).</summary>
    public const int ByMaxLength = 128;

    /// <summary>Default run timeout: one hour.</summary>
    public const long DefaultTimeoutSeconds = 3600;

    /// <summary>Default misfire grace: a tick up to a minute late is on time.</summary>
    public const long DefaultGraceSeconds = 60;

    /// <summary>Longest interval: 366 days, in seconds.</summary>
    public const long MaxEverySeconds = 366L * 24 * 60 * 60;
}
