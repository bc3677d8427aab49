using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Journal.Domain.Cron.Jobs;

/// <summary>
/// Jitter and retry backoff that are the same on every machine and every run: derived from SHA-256 of
/// the job id, the tick and the attempt (never <see cref="object.GetHashCode"/>, which differs per
/// process), so two schedulers agree on when a tick is due and a replay computes the same times.
/// </summary>
public static class CronJitter
{
    /// <summary>The delay added to <paramref name="tick"/>: 0 to <paramref name="jitterSeconds"/> seconds, in whole milliseconds.</summary>
    public static TimeSpan Of(Guid jobId, DateTimeOffset tick, long jitterSeconds) =>
        jitterSeconds <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Draw(jobId, tick, 0, (ulong)(jitterSeconds * 1000) + 1));

    /// <summary>
    /// The wait before attempt <paramref name="failedAttempt"/> + 1: the base doubled per earlier attempt
    /// and capped, then "equal jitter": half of it fixed and the other half drawn per job, tick and attempt.
    /// </summary>
    public static TimeSpan Backoff(Guid jobId, DateTimeOffset tick, int failedAttempt, RetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var doublings = Math.Clamp(failedAttempt - 1, 0, 40);
        var capMs = retry.MaxDelaySeconds * 1000;
        var fullMs = Math.Min(capMs, retry.BaseBackoffSeconds * 1000 * (1L << Math.Min(doublings, 30)));
        var half = fullMs / 2;
        return TimeSpan.FromMilliseconds(fullMs - half + (long)Draw(jobId, tick, failedAttempt, (ulong)half + 1));
    }

    private static ulong Draw(Guid jobId, DateTimeOffset tick, int attempt, ulong range)
    {
        Span<byte> input = stackalloc byte[16 + 8 + 4];
        jobId.TryWriteBytes(input[..16], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(input[16..24], tick.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt32BigEndian(input[24..], attempt);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash) % range;
    }
}
