using System.Globalization;

namespace Journal.EventStore.Codec;

/// <summary>Conversions between the timestamp extension's (seconds, nanoseconds) pair and <see cref="DateTimeOffset"/>.</summary>
internal static class MessagePackTimestamp
{
    private const long NanosecondsPerTick = 100;

    /// <summary>Splits an instant into whole seconds since the Unix epoch (floored) and the nanoseconds after them.</summary>
    public static (long Seconds, uint Nanoseconds) FromDateTimeOffset(DateTimeOffset value)
    {
        long ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.Ticks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return (seconds, (uint)(remainder * NanosecondsPerTick));
    }

    /// <summary>
    /// Converts a timestamp to a UTC <see cref="DateTimeOffset"/>, truncating to 100 ns ticks;
    /// false when it lies outside the representable range.
    /// </summary>
    public static bool TryToDateTimeOffset(long seconds, uint nanoseconds, out DateTimeOffset value)
    {
        long minSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
        long maxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
        if (seconds < minSeconds || seconds > maxSeconds || nanoseconds > MessagePackCode.MaxNanoseconds)
        {
            value = default;
            return false;
        }

        long ticks = DateTimeOffset.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanoseconds / NanosecondsPerTick);
        value = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    /// <summary>Formats an instant as an ISO-8601 UTC string in the round-trip ("O") format.</summary>
    public static string ToIsoString(DateTimeOffset value) =>
        value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
