using FsCheck;
using FsCheck.Fluent;
using Journal.Domain.Cron.Schedules;

namespace Journal.Domain.Tests.Cron;

public class CronPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(400);
    private static readonly TimeSpan Span = TimeSpan.FromDays(4);

    private static CronSchedule Schedule(GeneratedCron cron, string zone) =>
        new(CronExpression.Parse(cron.Text), ZoneSpec.Parse(zone, CronTestSupport.MachineZone));

    [Fact]
    public void Next_after_equals_the_brute_force_reference_when_expression_zone_and_time_are_random() =>
        Check.One(Runs, Prop.ForAll(CronGenerators.Expression.ToArbitrary(), CronGenerators.Zone.ToArbitrary(), CronGenerators.Instant.ToArbitrary(), (cron, zone, after) =>
        {
            CronSchedule schedule = Schedule(cron, zone);
            DateTimeOffset? next = schedule.NextAfter(after);
            DateTimeOffset? expected = CronReference.NextAfter(cron.Matches, cron.Wildcard, schedule.Zone.TimeZone, after, Span);
            return expected is { } value
                ? next == value
                : next is null || next > after + Span;
        }));

    [Fact]
    public void Next_after_is_strictly_later_and_a_matching_minute_or_for_a_fixed_time_the_end_of_a_gap_when_inputs_are_random() =>
        Check.One(Runs, Prop.ForAll(CronGenerators.Expression.ToArbitrary(), CronGenerators.Zone.ToArbitrary(), CronGenerators.Instant.ToArbitrary(), (cron, zone, after) =>
        {
            CronSchedule schedule = Schedule(cron, zone);
            if (schedule.NextAfter(after) is not { } next)
                return true;
            TimeZoneInfo tz = schedule.Zone.TimeZone;
            DateTime wall = TimeZoneInfo.ConvertTime(next, tz).DateTime;
            bool whole = next.UtcTicks % TimeSpan.TicksPerMinute == 0;
            bool matches = cron.Matches(wall);
            bool endOfGap = false;
            for (DateTime skipped = wall.AddMinutes(-1); tz.IsInvalidTime(skipped); skipped = skipped.AddMinutes(-1))
                endOfGap |= cron.Matches(skipped);
            return next > after && whole && (matches || (endOfGap && !cron.Wildcard)) && next.Offset == tz.GetUtcOffset(next);
        }));

    [Fact]
    public void Preview_is_strictly_increasing_and_chains_next_after_when_inputs_are_random() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(CronGenerators.Expression.ToArbitrary(), CronGenerators.Zone.ToArbitrary(), CronGenerators.Instant.ToArbitrary(), (cron, zone, after) =>
        {
            CronSchedule schedule = Schedule(cron, zone);
            IReadOnlyList<DateTimeOffset> times = schedule.Preview(after, 40);
            bool increasing = times.Zip(times.Skip(1)).All(p => p.First < p.Second);
            bool chained = times.Count == 0 || (times[0] == schedule.NextAfter(after)
                && times.Zip(times.Skip(1)).All(p => schedule.NextAfter(p.First) == p.Second));
            return increasing && chained && (times.Count == 40 || times.Count == 0);
        }));

    [Fact]
    public void Parse_reads_the_generated_values_and_round_trips_through_to_string_when_expression_is_random() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(CronGenerators.Expression.ToArbitrary(), cron =>
        {
            CronExpression parsed = CronExpression.Parse(cron.Text);
            CronExpression again = CronExpression.Parse(parsed.ToString());
            ulong[] bits = [parsed.Minutes, parsed.Hours, parsed.DaysOfMonth, parsed.Months, parsed.DaysOfWeek];
            bool values = bits.Select((b, i) => b == cron.Values[i].Aggregate(0UL, (acc, v) => acc | (1UL << v))).All(x => x);
            return values
                && parsed.DayOfMonthStar == cron.DayOfMonthStar
                && parsed.DayOfWeekStar == cron.DayOfWeekStar
                && parsed.IsWildcard == cron.Wildcard
                && again == parsed
                && again.ToString() == parsed.ToString();
        }));

    [Fact]
    public void Matches_agrees_with_the_generated_values_when_minute_is_random() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(CronGenerators.Expression.ToArbitrary(), CronGenerators.Instant.ToArbitrary(), (cron, at) =>
            CronExpression.Parse(cron.Text).Matches(at.UtcDateTime) == cron.Matches(at.UtcDateTime)));

    [Fact]
    public void Interval_next_after_is_the_first_later_multiple_when_inputs_are_random() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(
            Gen.Choose(1, 7 * 24 * 3600).ToArbitrary(), CronGenerators.Instant.ToArbitrary(), CronGenerators.Instant.ToArbitrary(), (seconds, anchor, after) =>
            {
                var every = TimeSpan.FromSeconds(seconds);
                DateTimeOffset next = new IntervalSchedule(every, anchor).NextAfter(after)!.Value;
                long fromAnchor = (next - anchor).Ticks;
                return next > after
                    && fromAnchor >= 0
                    && fromAnchor % every.Ticks == 0
                    && (next == anchor || next - every <= after);
            }));
}
