using static Journal.Domain.Tests.Cron.CronTestSupport;

namespace Journal.Domain.Tests.Cron;

/// Transitions (hand-checked against the tz database):
/// Europe/Prague 2025-03-30 02:00 CET -> 03:00 CEST (01:00Z); 2025-10-26 03:00 CEST -> 02:00 CET (01:00Z).
/// America/New_York 2025-03-09 02:00 EST -> 03:00 EDT (07:00Z); 2025-11-02 02:00 EDT -> 01:00 EST (06:00Z).
/// Australia/Lord_Howe (half-hour shift) 2025-10-05 02:00 -> 02:30 (15:30Z on the 4th); 2026-04-05 02:00 -> 01:30 (15:00Z on the 4th).
public class CronDaylightSavingSpecs
{
    [Theory]
    // spring forward: a minute in the gap runs once, at the first valid minute after it
    [InlineData("30 2 * * *", "Europe/Prague", "2025-03-29T12:00:00Z", "2025-03-30T01:00:00Z")]
    [InlineData("30 2 * * *", "Europe/Prague", "2025-03-30T01:00:00Z", "2025-03-31T00:30:00Z")]
    [InlineData("30 2 30 3 *", "Europe/Prague", "2025-03-01T00:00:00Z", "2025-03-30T01:00:00Z")]
    [InlineData("*/15 2 * * *", "Europe/Prague", "2025-03-29T23:00:00Z", "2025-03-30T01:00:00Z")]
    [InlineData("*/15 2 * * *", "Europe/Prague", "2025-03-30T01:00:00Z", "2025-03-31T00:00:00Z")]
    [InlineData("0,30 2,3 * * *", "Europe/Prague", "2025-03-30T00:00:00Z", "2025-03-30T01:00:00Z")]
    [InlineData("0,30 2,3 * * *", "Europe/Prague", "2025-03-30T01:00:00Z", "2025-03-30T01:30:00Z")]
    [InlineData("30 2 * * *", "America/New_York", "2025-03-08T12:00:00Z", "2025-03-09T07:00:00Z")]
    [InlineData("30 2 * * *", "America/New_York", "2025-03-09T07:00:00Z", "2025-03-10T06:30:00Z")]
    [InlineData("59 2 * * *", "America/New_York", "2025-03-09T06:00:00Z", "2025-03-09T07:00:00Z")]
    [InlineData("15 2 * * *", "Australia/Lord_Howe", "2025-10-04T00:00:00Z", "2025-10-04T15:30:00Z")]
    // fall back: a minute that happens twice runs once, at its first occurrence
    [InlineData("30 2 * * *", "Europe/Prague", "2025-10-25T12:00:00Z", "2025-10-26T00:30:00Z")]
    [InlineData("30 2 * * *", "Europe/Prague", "2025-10-26T00:30:00Z", "2025-10-27T01:30:00Z")]
    [InlineData("0 2 * * *", "Europe/Prague", "2025-10-26T00:00:00Z", "2025-10-27T01:00:00Z")]
    [InlineData("30 1 * * *", "America/New_York", "2025-11-01T12:00:00Z", "2025-11-02T05:30:00Z")]
    [InlineData("30 1 * * *", "America/New_York", "2025-11-02T05:30:00Z", "2025-11-03T06:30:00Z")]
    [InlineData("45 1 * * *", "Australia/Lord_Howe", "2026-04-04T00:00:00Z", "2026-04-04T14:45:00Z")]
    [InlineData("45 1 * * *", "Australia/Lord_Howe", "2026-04-04T14:45:00Z", "2026-04-05T15:15:00Z")]
    // asked from inside the repeated hour (second pass): its minutes already ran, the next is after it
    [InlineData("*/15 * * * *", "Europe/Prague", "2025-10-26T01:10:00Z", "2025-10-26T02:00:00Z")]
    [InlineData("*/15 * * * *", "America/New_York", "2025-11-02T06:10:00Z", "2025-11-02T07:00:00Z")]
    [InlineData("30 2 * * *", "Europe/Prague", "2025-10-26T01:10:00Z", "2025-10-27T01:30:00Z")]
    // asked from inside the first pass: the rest of the repeated hour is still ahead
    [InlineData("*/15 * * * *", "Europe/Prague", "2025-10-26T00:10:00Z", "2025-10-26T00:15:00Z")]
    public void Given_a_cron_across_a_transition_When_next_after_Then_it_runs_once_by_the_rules(string expression, string zone, string after, string expected) =>
        Assert.Equal(expected, Utc(CronIn(expression, zone).NextAfter(At(after))));

    [Theory]
    [InlineData("Europe/Prague", "2025-03-29T23:30:00Z", "2025-03-30T00:00:00Z,2025-03-30T01:00:00Z,2025-03-30T02:00:00Z,2025-03-30T03:00:00Z")]
    [InlineData("Europe/Prague", "2025-10-25T22:30:00Z", "2025-10-25T23:00:00Z,2025-10-26T00:00:00Z,2025-10-26T02:00:00Z,2025-10-26T03:00:00Z")]
    [InlineData("America/New_York", "2025-03-09T05:30:00Z", "2025-03-09T06:00:00Z,2025-03-09T07:00:00Z,2025-03-09T08:00:00Z,2025-03-09T09:00:00Z")]
    [InlineData("America/New_York", "2025-11-02T03:30:00Z", "2025-11-02T04:00:00Z,2025-11-02T05:00:00Z,2025-11-02T07:00:00Z,2025-11-02T08:00:00Z")]
    public void Given_an_hourly_cron_across_a_transition_When_preview_Then_the_exact_instants(string zone, string after, string expected) =>
        Assert.Equal(expected.Split(','), CronIn("0 * * * *", zone).Preview(At(after), 4).Select(t => Utc(t)));

    [Fact]
    public void Given_a_cron_in_the_gap_When_next_after_Then_the_result_is_the_first_valid_wall_clock_minute()
    {
        DateTimeOffset next = CronIn("30 2 * * *", "Europe/Prague").NextAfter(At("2025-03-29T12:00:00Z"))!.Value;

        Assert.Equal(new DateTime(2025, 3, 30, 3, 0, 0), next.DateTime);
        Assert.Equal(TimeSpan.FromHours(2), next.Offset);
    }

    [Fact]
    public void Given_a_cron_in_the_overlap_When_next_after_Then_the_result_is_on_summer_time()
    {
        DateTimeOffset next = CronIn("30 1 * * *", "America/New_York").NextAfter(At("2025-11-01T12:00:00Z"))!.Value;

        Assert.Equal(new DateTime(2025, 11, 2, 1, 30, 0), next.DateTime);
        Assert.Equal(TimeSpan.FromHours(-4), next.Offset);
    }

    [Fact]
    public void Given_a_minutely_cron_over_a_whole_spring_forward_day_When_preview_Then_every_instant_runs_once()
    {
        var times = CronIn("* * * * *", "Europe/Prague").Preview(At("2025-03-29T23:00:00Z"), 200);

        Assert.Equal(times.Count, times.Distinct().Count());
        Assert.DoesNotContain(times.Zip(times.Skip(1)), p => p.Second - p.First != TimeSpan.FromMinutes(1));
    }
}
