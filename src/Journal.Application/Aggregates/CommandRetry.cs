namespace Journal.Application.Aggregates;

/// <summary>
/// How often a command that lost a race to another writer is decided again, and how long it waits
/// between attempts (exponential, with full jitter, so that racing writers spread out).
/// </summary>
public sealed class CommandRetry
{
    /// <summary>Attempts in all, the first included (default 10).</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The longest wait between two attempts (default 50 ms).</summary>
    public TimeSpan MaxBackOff { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Events read per page when a stream is folded.</summary>
    internal int ReadPageSize { get; init; } = 512;

    /// <summary>Waits before attempt <paramref name="attempt"/> + 1: a random time up to 2^attempt ms, capped.</summary>
    internal Task BackOffAsync(int attempt, CancellationToken ct)
    {
        var ceiling = Math.Min(MaxBackOff.TotalMilliseconds, Math.Pow(2, attempt));
        var wait = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
        return attempt == 1 ? Task.CompletedTask : Task.Delay(wait, ct);
    }
}
