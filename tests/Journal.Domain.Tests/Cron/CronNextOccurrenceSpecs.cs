using static Journal.Domain.Tests.Cron.CronTestSupport;

namespace Journal.Domain.Tests.Cron;

/// Hand-checked: 2025-06-01 is a Sunday, 2025-07-01 a Tuesday, 2025-06-13 a Friday, 2025-08-13 a Wednesday.
public class CronNextOccurrenceSpecs
{
    [Theory]
    // every minute, strictly after, seconds dropped
    [InlineData("* * * * *", "2025-06-01T00:00:00Z", "2025-06-01T00:01:00Z")]
    [InlineData("* * * * *", "2025-06-01T00:00:30Z", "2025-06-01T00:01:00Z")]
    [InlineData("* * * * *", "2025-06-01T00:00:59.9999999Z", "2025-06-01T00:01:00Z")]
    // steps, lists, ranges
    [InlineData("*/15 * * * *", "2025-06-01T00:00:00Z", "2025-06-01T00:15:00Z")]
    [InlineData("*/15 * * * *", "2025-06-01T00:50:00Z", "2025-06-01T01:00:00Z")]
    [InlineData("5,35 * * * *", "2025-06-01T00:10:00Z", "2025-06-01T00:35:00Z")]
    [InlineData("10-12 * * * *", "2025-06-01T00:12:00Z", "2025-06-01T01:10:00Z")]
    [InlineData("10-30/10 * * * *", "2025-06-01T00:20:00Z", "2025-06-01T00:30:00Z")]
    [InlineData("10-30/10 * * * *", "2025-06-01T00:30:00Z", "2025-06-01T01:10:00Z")]
    [InlineData("5/20 * * * *", "2025-06-01T00:45:00Z", "2025-06-01T01:05:00Z")]
    [InlineData("*/45 * * * *", "2025-06-01T00:45:00Z", "2025-06-01T01:00:00Z")]
    [InlineData("0 */7 * * *", "2025-06-01T21:00:00Z", "2025-06-02T00:00:00Z")]
    [InlineData("0 0 */10 * *", "2025-06-21T00:00:00Z", "2025-07-01T00:00:00Z")]
    [InlineData("0 0 1 */3 *", "2025-06-01T00:00:00Z", "2025-07-01T00:00:00Z")]
    [InlineData("0 0 1 */5 *", "2025-11-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData("59 23 31 12 *", "2025-12-31T23:59:00Z", "2026-12-31T23:59:00Z")]
    // names, 7 as Sunday
    [InlineData("0 9 * JAN,jul mon-FRI", "2025-06-01T00:00:00Z", "2025-07-01T09:00:00Z")]
    [InlineData("0 0 * * 7", "2025-06-01T00:00:00Z", "2025-06-08T00:00:00Z")]
    [InlineData("0 0 * * 0", "2025-06-01T00:00:00Z", "2025-06-08T00:00:00Z")]
    [InlineData("0 0 * * sun", "2025-06-01T00:00:00Z", "2025-06-08T00:00:00Z")]
    [InlineData("0 12 * * 5-7", "2025-06-01T12:00:00Z", "2025-06-06T12:00:00Z")]
    [InlineData("0 12 * * 5-7", "2025-06-06T12:00:00Z", "2025-06-07T12:00:00Z")]
    [InlineData("0 12 * * 5-7", "2025-06-07T12:00:00Z", "2025-06-08T12:00:00Z")]
    // Vixie day rule: both restricted -> either matches
    [InlineData("0 0 13 * FRI", "2025-08-09T00:00:00Z", "2025-08-13T00:00:00Z")]
    [InlineData("0 0 13 * FRI", "2025-08-13T00:00:00Z", "2025-08-15T00:00:00Z")]
    [InlineData("0 0 1-31/2 * 1", "2025-06-01T00:00:00Z", "2025-06-02T00:00:00Z")]
    [InlineData("0 0 1-31/2 * 1", "2025-06-02T00:00:00Z", "2025-06-03T00:00:00Z")]
    // ... one of them starting with '*' -> both must match
    [InlineData("0 0 */2 * 1", "2025-06-01T00:00:00Z", "2025-06-09T00:00:00Z")]
    [InlineData("0 0 13 * */7", "2025-06-01T00:00:00Z", "2025-07-13T00:00:00Z")]
    [InlineData("0 0 13 * */7", "2025-07-13T00:00:00Z", "2026-09-13T00:00:00Z")]
    [InlineData("0 0 13 * *", "2025-06-01T00:00:00Z", "2025-06-13T00:00:00Z")]
    [InlineData("0 0 * * 1", "2025-06-01T00:00:00Z", "2025-06-02T00:00:00Z")]
    // leap years and month ends
    [InlineData("0 0 29 2 *", "2025-01-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 29 2 *", "2024-02-29T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 29 2 *", "2096-03-01T00:00:00Z", "2104-02-29T00:00:00Z")]
    [InlineData("0 0 29 2 */7", "2025-01-01T00:00:00Z", "2032-02-29T00:00:00Z")]
    [InlineData("0 0 29 2 */7", "2088-03-01T00:00:00Z", "2128-02-29T00:00:00Z")]
    [InlineData("0 0 28-31 2 *", "2025-02-28T00:00:00Z", "2026-02-28T00:00:00Z")]
    [InlineData("0 0 28-31 2 *", "2028-02-28T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 31 * *", "2025-04-01T00:00:00Z", "2025-05-31T00:00:00Z")]
    [InlineData("0 0 31 * *", "2025-05-31T00:00:00Z", "2025-07-31T00:00:00Z")]
    [InlineData("0 0 31 * *", "2025-07-31T00:00:00Z", "2025-08-31T00:00:00Z")]
    [InlineData("0 0 31 * *", "2025-08-31T00:00:00Z", "2025-10-31T00:00:00Z")]
    [InlineData("0 0 31 * *", "2025-12-31T00:00:00Z", "2026-01-31T00:00:00Z")]
    [InlineData("0 0 30 * *", "2025-01-30T00:00:00Z", "2025-03-30T00:00:00Z")]
    // impossible: never
    [InlineData("0 0 30 2 *", "2025-01-01T00:00:00Z", null)]
    [InlineData("0 0 30,31 2 *", "2025-01-01T00:00:00Z", null)]
    [InlineData("0 0 31 4,6,9,11 *", "2025-01-01T00:00:00Z", null)]
    [InlineData("0 0 31 2 */2", "2025-01-01T00:00:00Z", null)]
    // macros
    [InlineData("@hourly", "2025-06-01T00:30:00Z", "2025-06-01T01:00:00Z")]
    [InlineData("@daily", "2025-06-01T00:00:00Z", "2025-06-02T00:00:00Z")]
    [InlineData("@midnight", "2025-06-01T23:59:59Z", "2025-06-02T00:00:00Z")]
    [InlineData("@weekly", "2025-06-01T00:00:00Z", "2025-06-08T00:00:00Z")]
    [InlineData("@monthly", "2025-06-01T00:00:00Z", "2025-07-01T00:00:00Z")]
    [InlineData("@yearly", "2025-06-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData("@annually", "2025-12-31T23:59:00Z", "2026-01-01T00:00:00Z")]
    // end of the searchable range
    [InlineData("* * * * *", "9998-12-31T23:58:00Z", "9998-12-31T23:59:00Z")]
    [InlineData("* * * * *", "9998-12-31T23:59:00Z", null)]
    public void Given_a_cron_in_utc_When_next_after_Then_the_hand_checked_time(string expression, string after, string? expected) =>
        Assert.Equal(expected ?? "never", Utc(CronIn(expression, "UTC").NextAfter(At(after))));

    [Theory]
    [InlineData("0 9 * * *", "Europe/Prague", "2025-06-01T00:00:00Z", "2025-06-01T07:00:00Z")]
    [InlineData("0 9 * * *", "Europe/Prague", "2025-01-15T00:00:00Z", "2025-01-15T08:00:00Z")]
    [InlineData("0 9 * * *", "America/New_York", "2025-06-01T00:00:00Z", "2025-06-01T13:00:00Z")]
    [InlineData("0 9 * * *", "America/New_York", "2025-01-15T00:00:00Z", "2025-01-15T14:00:00Z")]
    [InlineData("0 9 * * *", "local", "2025-06-01T00:00:00Z", "2025-06-01T13:00:00Z")]
    [InlineData("0 0 * * *", "Asia/Kolkata", "2025-06-01T00:00:00Z", "2025-06-01T18:30:00Z")]
    // the day is the zone's day: Sunday 23:30 in New York is Monday in UTC
    [InlineData("30 23 * * SUN", "America/New_York", "2025-06-01T00:00:00Z", "2025-06-02T03:30:00Z")]
    [InlineData("0 0 1 1 *", "Europe/Prague", "2025-06-01T00:00:00Z", "2025-12-31T23:00:00Z")]
    public void Given_a_cron_in_a_zone_When_next_after_Then_the_wall_clock_time_in_that_zone(string expression, string zone, string after, string expected)
    {
        DateTimeOffset? next = CronIn(expression, zone).NextAfter(At(after));

        Assert.Equal(expected, Utc(next));
    }

    [Fact]
    public void Given_a_cron_in_a_zone_When_next_after_Then_the_result_carries_the_zones_offset()
    {
        DateTimeOffset? next = CronIn("0 9 * * *", "Europe/Prague").NextAfter(At("2025-06-01T00:00:00Z"));

        Assert.Equal(TimeSpan.FromHours(2), next!.Value.Offset);
        Assert.Equal(new DateTime(2025, 6, 1, 9, 0, 0), next.Value.DateTime);
    }

    [Fact]
    public void Given_a_cron_When_preview_Then_the_next_times_in_order() =>
        Assert.Equal(
            ["2025-06-02T09:00:00Z", "2025-06-03T09:00:00Z", "2025-06-04T09:00:00Z", "2025-06-05T09:00:00Z", "2025-06-06T09:00:00Z", "2025-06-09T09:00:00Z"],
            CronIn("0 9 * * MON-FRI", "UTC").Preview(At("2025-06-01T00:00:00Z"), 6).Select(t => Utc(t)));

    [Fact]
    public void Given_a_cron_that_never_fires_When_preview_Then_empty() =>
        Assert.Empty(CronIn("0 0 30 2 *", "UTC").Preview(At("2025-06-01T00:00:00Z"), 5));

    [Fact]
    public void Given_a_cron_that_never_fires_When_validated_Then_refused()
    {
        var error = Assert.Throws<Journal.Domain.Errors.ValidationException>(() => CronIn("0 0 30 2 *", "UTC").Validate(At("2025-06-01T00:00:00Z")));

        Assert.Equal("schedule", error.Field);
        Assert.Contains("never fires", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_cron_that_fires_When_validated_Then_accepted() =>
        CronIn("0 0 29 2 *", "UTC").Validate(At("2025-06-01T00:00:00Z"));

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void Given_a_count_out_of_range_When_preview_Then_refused(int count) =>
        Assert.Equal("count", Assert.Throws<Journal.Domain.Errors.ValidationException>(
            () => CronIn("* * * * *", "UTC").Preview(At("2025-06-01T00:00:00Z"), count)).Field);
}
