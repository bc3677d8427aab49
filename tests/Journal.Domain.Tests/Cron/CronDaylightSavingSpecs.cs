using static Journal.Domain.Tests.Cron.CronTestSupport;

namespace Journal.Domain.Tests.Cron;

/// Transitions (hand-checked against the tz database):
/// Europe/Prague 2025-03-30 02:00 CET -> 03:00 CEST (01:00Z); 2025-10-26 03:00 CEST -> 02:00 CET (01:00Z).
/// America/New_York 2025-03-09 02:00 EST -> 03:00 EDT (07:00Z); 2025-11-02 02:00 EDT -> 01:00 EST (06:00Z).
/// Australia/Lord_Howe (half-hour shift) 2025-10-05 02:00 -> 02:30 (15:30Z on the 4th); 2026-04-05 02:00 -> 01:30 (15:00Z on the 4th).
/// America/New_York 2027-11-07 02:00 EDT -> 01:00 EST (06:00Z).
/// Fixed-time expressions (neither minute nor hour starts with '*') run by the wall clock, once per minute;
/// wildcard expressions (minute or hour starts with '*') run by elapsed time, as in Vixie cron.
public class CronDaylightSavingSpecs
{
    [Theory]
    // spring forward, fixed time: a minute in the gap runs once, at the first valid minute after it
    [InlineData("30 2 * * *", "Europe/Prague", "2025-03-29T12:00:00Z", "2025-03-30T01:00:00Z")]
    [InlineData("30 2 * * *", "Europe/Prague", "2025-03-30T01:00:00Z", "2025-03-31T00:30:00Z")]
    [InlineData("30 2 30 3 *", "Europe/Prague", "2025-03-01T00:00:00Z", "2025-03-30T01:00:00Z")]
    [InlineData("0-45/15 2 * * *", "Europe/Prague", "2025-03-29T23:00:00Z", "2025-03-30T01:00:00Z")]
    [InlineData("0-45/15 2 * * *", "Europe/Prague", "2025-03-30T01:00:00Z", "2025-03-31T00:00:00Z")]
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
    // fixed time, asked from inside the repeated hour (second pass): its minutes already ran, the next is after it
    [InlineData("0-45/15 0-23 * * *", "Europe/Prague", "2025-10-26T01:10:00Z", "2025-10-26T02:00:00Z")]
    [InlineData("0-45/15 0-23 * * *", "America/New_York", "2025-11-02T06:10:00Z", "2025-11-02T07:00:00Z")]
    [InlineData("30 2 * * *", "Europe/Prague", "2025-10-26T01:10:00Z", "2025-10-27T01:30:00Z")]
    // wildcard, asked from inside the second pass: the second pass runs too
    [InlineData("*/15 * * * *", "Europe/Prague", "2025-10-26T01:10:00Z", "2025-10-26T01:15:00Z")]
    [InlineData("*/15 * * * *", "America/New_York", "2025-11-02T06:10:00Z", "2025-11-02T06:15:00Z")]
    [InlineData("0 * * * *", "America/New_York", "2027-11-07T06:00:00Z", "2027-11-07T07:00:00Z")]
    // asked from inside the first pass: the rest of the repeated hour is still ahead
    [InlineData("*/15 * * * *", "Europe/Prague", "2025-10-26T00:10:00Z", "2025-10-26T00:15:00Z")]
    [InlineData("0-45/15 0-23 * * *", "Europe/Prague", "2025-10-26T00:10:00Z", "2025-10-26T00:15:00Z")]
    // wildcard, asked from the end of the first pass: the clock goes back, and the second pass comes next
    [InlineData("0 * * * *", "America/New_York", "2027-11-07T05:00:00Z", "2027-11-07T06:00:00Z")]
    [InlineData("0 * * * *", "America/New_York", "2027-11-07T05:59:30Z", "2027-11-07T06:00:00Z")]
    [InlineData("20 * * * *", "America/New_York", "2027-11-07T05:30:00Z", "2027-11-07T06:20:00Z")]
    [InlineData("40 * * * *", "America/New_York", "2027-11-07T05:30:00Z", "2027-11-07T05:40:00Z")]
    // wildcard in the gap: a minute the clock skips never comes, so it does not run late
    [InlineData("*/15 2 * * *", "Europe/Prague", "2025-03-29T23:00:00Z", "2025-03-31T00:00:00Z")]
    [InlineData("15 * * * *", "Europe/Prague", "2025-03-30T00:15:00Z", "2025-03-30T01:15:00Z")]
    [InlineData("15 0-23 * * *", "Europe/Prague", "2025-03-30T00:15:00Z", "2025-03-30T01:00:00Z")]
    public void Given_a_cron_across_a_transition_When_next_after_Then_it_runs_by_the_rules(string expression, string zone, string after, string expected) =>
        Assert.Equal(expected, Utc(CronIn(expression, zone).NextAfter(At(after))));

    [Theory]
    [InlineData("0 * * * *", "Europe/Prague", "2025-03-29T23:30:00Z", "2025-03-30T00:00:00Z,2025-03-30T01:00:00Z,2025-03-30T02:00:00Z,2025-03-30T03:00:00Z")]
    [InlineData("0 * * * *", "Europe/Prague", "2025-10-25T22:30:00Z", "2025-10-25T23:00:00Z,2025-10-26T00:00:00Z,2025-10-26T01:00:00Z,2025-10-26T02:00:00Z")]
    [InlineData("0 * * * *", "America/New_York", "2025-03-09T05:30:00Z", "2025-03-09T06:00:00Z,2025-03-09T07:00:00Z,2025-03-09T08:00:00Z,2025-03-09T09:00:00Z")]
    [InlineData("0 * * * *", "America/New_York", "2025-11-02T03:30:00Z", "2025-11-02T04:00:00Z,2025-11-02T05:00:00Z,2025-11-02T06:00:00Z,2025-11-02T07:00:00Z")]
    [InlineData("0 0-23 * * *", "Europe/Prague", "2025-10-25T22:30:00Z", "2025-10-25T23:00:00Z,2025-10-26T00:00:00Z,2025-10-26T02:00:00Z,2025-10-26T03:00:00Z")]
    [InlineData("0 0-23 * * *", "America/New_York", "2025-11-02T03:30:00Z", "2025-11-02T04:00:00Z,2025-11-02T05:00:00Z,2025-11-02T07:00:00Z,2025-11-02T08:00:00Z")]
    public void Given_an_hourly_cron_across_a_transition_When_preview_Then_the_exact_instants(string expression, string zone, string after, string expected) =>
        Assert.Equal(expected.Split(','), CronIn(expression, zone).Preview(At(after), 4).Select(t => Utc(t)));

    [Theory]
    // wildcard (minute or hour starts with '*'): by elapsed time through the repeated hour
    [InlineData("0 * * * *", "2027-11-07T05:00:00Z,2027-11-07T06:00:00Z,2027-11-07T07:00:00Z,2027-11-07T08:00:00Z")]
    [InlineData("@hourly", "2027-11-07T05:00:00Z,2027-11-07T06:00:00Z,2027-11-07T07:00:00Z,2027-11-07T08:00:00Z")]
    [InlineData("*/30 * * * *", "2027-11-07T05:00:00Z,2027-11-07T05:30:00Z,2027-11-07T06:00:00Z,2027-11-07T06:30:00Z,2027-11-07T07:00:00Z")]
    [InlineData("15 * * * *", "2027-11-07T05:15:00Z,2027-11-07T06:15:00Z,2027-11-07T07:15:00Z")]
    [InlineData("0 */2 * * *", "2027-11-07T07:00:00Z,2027-11-07T09:00:00Z")]
    [InlineData("*/30 1 * * *", "2027-11-07T05:00:00Z,2027-11-07T05:30:00Z,2027-11-07T06:00:00Z,2027-11-07T06:30:00Z,2027-11-08T06:00:00Z")]
    // fixed time (neither starts with '*'): once, at the first occurrence of each wall-clock minute
    [InlineData("30 1 * * *", "2027-11-07T05:30:00Z,2027-11-08T06:30:00Z")]
    [InlineData("0-59/30 1 * * *", "2027-11-07T05:00:00Z,2027-11-07T05:30:00Z,2027-11-08T06:00:00Z")]
    [InlineData("0 0-23 * * *", "2027-11-07T05:00:00Z,2027-11-07T07:00:00Z,2027-11-07T08:00:00Z")]
    public void Given_a_cron_in_new_york_on_the_night_clocks_go_back_When_preview_Then_wildcards_run_by_elapsed_time_and_fixed_times_once(string expression, string expected)
    {
        string[] times = expected.Split(',');

        IReadOnlyList<DateTimeOffset> preview = CronIn(expression, "America/New_York").Preview(At("2027-11-07T04:30:00Z"), times.Length);

        Assert.Equal(times, preview.Select(t => Utc(t)));
    }

    [Theory]
    // Europe/Prague 2025-10-26: the repeated hour is 02:00-03:00, so an even-hour step falls in it
    [InlineData("0 */2 * * *", "2025-10-25T22:00:00Z,2025-10-26T00:00:00Z,2025-10-26T01:00:00Z,2025-10-26T03:00:00Z")]
    [InlineData("0 0-23/2 * * *", "2025-10-25T22:00:00Z,2025-10-26T00:00:00Z,2025-10-26T03:00:00Z,2025-10-26T05:00:00Z")]
    public void Given_an_hour_step_cron_in_prague_on_the_night_clocks_go_back_When_preview_Then_only_the_wildcard_runs_twice(string expression, string expected)
    {
        string[] times = expected.Split(',');

        IReadOnlyList<DateTimeOffset> preview = CronIn(expression, "Europe/Prague").Preview(At("2025-10-25T21:30:00Z"), times.Length);

        Assert.Equal(times, preview.Select(t => Utc(t)));
    }

    [Fact]
    public void Given_a_quarter_hour_wildcard_on_lord_howe_When_the_half_hour_repeats_Then_it_runs_every_fifteen_minutes_of_elapsed_time()
    {
        IReadOnlyList<DateTimeOffset> preview = CronIn("*/15 * * * *", "Australia/Lord_Howe").Preview(At("2026-04-04T14:20:00Z"), 5);

        Assert.Equal(["2026-04-04T14:30:00Z", "2026-04-04T14:45:00Z", "2026-04-04T15:00:00Z", "2026-04-04T15:15:00Z", "2026-04-04T15:30:00Z"], preview.Select(t => Utc(t)));
    }

    [Fact]
    public void Given_a_wildcard_in_the_second_pass_When_next_after_Then_the_result_is_on_standard_time()
    {
        DateTimeOffset next = CronIn("0 * * * *", "America/New_York").NextAfter(At("2027-11-07T05:00:00Z"))!.Value;

        Assert.Equal(new DateTime(2027, 11, 7, 1, 0, 0), next.DateTime);
        Assert.Equal(TimeSpan.FromHours(-5), next.Offset);
    }

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
