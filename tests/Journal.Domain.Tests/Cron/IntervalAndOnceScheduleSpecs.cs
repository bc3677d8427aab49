using Journal.Domain.Cron.Schedules;
using Journal.Domain.Errors;
using static Journal.Domain.Tests.Cron.CronTestSupport;

namespace Journal.Domain.Tests.Cron;

public class IntervalAndOnceScheduleSpecs
{
    [Theory]
    [InlineData("01:00:00", "2025-06-01T00:00:00Z", "2025-05-31T12:00:00Z", "2025-06-01T00:00:00Z")]
    [InlineData("01:00:00", "2025-06-01T00:00:00Z", "2025-06-01T00:00:00Z", "2025-06-01T01:00:00Z")]
    [InlineData("01:00:00", "2025-06-01T00:00:00Z", "2025-06-01T00:59:59Z", "2025-06-01T01:00:00Z")]
    [InlineData("01:00:00", "2025-06-01T00:00:00Z", "2025-06-01T05:00:00Z", "2025-06-01T06:00:00Z")]
    [InlineData("00:00:01", "2025-06-01T00:00:00Z", "2025-06-01T00:00:00.5Z", "2025-06-01T00:00:01Z")]
    [InlineData("00:07:00", "2025-06-01T00:00:00Z", "2025-06-01T01:00:00Z", "2025-06-01T01:03:00Z")]
    [InlineData("1.00:00:00", "2025-03-29T12:00:00Z", "2025-03-30T11:00:00Z", "2025-03-30T12:00:00Z")]
    public void Given_an_interval_When_next_after_Then_the_next_whole_multiple_from_the_anchor(string every, string anchor, string after, string expected) =>
        Assert.Equal(expected, Utc(new IntervalSchedule(TimeSpan.Parse(every, System.Globalization.CultureInfo.InvariantCulture), At(anchor)).NextAfter(At(after))));

    [Fact]
    public void Given_an_interval_across_daylight_saving_When_preview_Then_elapsed_time_is_constant()
    {
        var schedule = new IntervalSchedule(TimeSpan.FromHours(1), new DateTimeOffset(2025, 3, 30, 0, 0, 0, TimeSpan.FromHours(1)));

        var times = schedule.Preview(At("2025-03-29T22:00:00Z"), 4);

        Assert.Equal(["2025-03-29T23:00:00Z", "2025-03-30T00:00:00Z", "2025-03-30T01:00:00Z", "2025-03-30T02:00:00Z"], times.Select(t => Utc(t)));
        Assert.All(times, t => Assert.Equal(TimeSpan.FromHours(1), t.Offset));
    }

    [Fact]
    public void Given_an_interval_near_the_end_of_time_When_next_after_Then_none() =>
        Assert.Null(new IntervalSchedule(TimeSpan.FromDays(365), At("9999-06-01T00:00:00Z")).NextAfter(At("9999-06-01T00:00:00Z")));

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.999")]
    [InlineData("-00:01:00")]
    public void Given_an_interval_under_a_second_When_created_Then_refused(string every)
    {
        var error = Assert.Throws<ValidationException>(() => new IntervalSchedule(TimeSpan.Parse(every, System.Globalization.CultureInfo.InvariantCulture), At("2025-06-01T00:00:00Z")));

        Assert.Equal("schedule", error.Field);
        Assert.Contains("at least 1 second", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-06-01T00:00:00Z", "2025-06-01T12:00:00Z")]
    [InlineData("2025-06-01T11:59:59.9999999Z", "2025-06-01T12:00:00Z")]
    [InlineData("2025-06-01T12:00:00Z", null)]
    [InlineData("2025-06-02T00:00:00Z", null)]
    public void Given_a_one_shot_When_next_after_Then_its_time_until_it_has_passed(string after, string? expected) =>
        Assert.Equal(expected ?? "never", Utc(new OnceSchedule(At("2025-06-01T12:00:00Z")).NextAfter(At(after))));

    [Fact]
    public void Given_a_one_shot_When_preview_Then_exactly_one_time() =>
        Assert.Equal(["2025-06-01T12:00:00Z"], new OnceSchedule(At("2025-06-01T12:00:00Z")).Preview(At("2025-06-01T00:00:00Z"), 5).Select(t => Utc(t)));

    [Theory]
    [InlineData("2025-06-01T12:00:00Z")]
    [InlineData("2025-06-01T13:00:00Z")]
    public void Given_a_one_shot_not_in_the_future_When_validated_Then_refused(string now)
    {
        var error = Assert.Throws<ValidationException>(() => new OnceSchedule(At("2025-06-01T12:00:00Z")).Validate(At(now)));

        Assert.Equal("schedule", error.Field);
        Assert.Contains("is not in the future", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_one_shot_in_the_future_When_validated_Then_accepted() =>
        new OnceSchedule(At("2025-06-01T12:00:00Z")).Validate(At("2025-06-01T11:59:59Z"));
}
