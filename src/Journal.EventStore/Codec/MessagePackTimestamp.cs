using System.Globalization;

namespace Journal.EventStore.Codec;

/// <summary>Our rendering of a timestamp as text: UTC, 100 ns precision, the round-trip ("O") format.</summary>
internal static class MessagePackTimestamp
{
    private const long NanosecondsPerTick = 100;

    /// <summary>
    /// Converts a timestamp to a UTC <see cref="DateTimeOffset"/>, truncating to 100 ns ticks;
    /// false when it lies outside the representable range.
    /// </summary>
    public static bool TryToDateTimeOffset(long seconds, uint nanoseconds, out DateTimeOffset value)
    {
        long minSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
        long maxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
        if (seconds < minSeconds || seconds > maxSeconds || nanoseconds > MessagePackValues.MaxNanoseconds)
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
