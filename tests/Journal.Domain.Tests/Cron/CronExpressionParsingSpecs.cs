using Journal.Domain.Cron.Schedules;
using Journal.Domain.Errors;

namespace Journal.Domain.Tests.Cron;

public class CronExpressionParsingSpecs
{
    [Theory]
    [InlineData("* * * * *", "* * * * *")]
    [InlineData("  0   9\t* *  *  ", "0 9 * * *")]
    [InlineData("0,30 * * * *", "0,30 * * * *")]
    [InlineData("0,20,40 * * * *", "*/20 * * * *")]
    [InlineData("30,0,15,45 * * * *", "*/15 * * * *")]
    [InlineData("0-59 0-23 * 1-12 *", "0-59 0-23 * * *")]
    [InlineData("0-59 * * * *", "* * * * *")]
    [InlineData("0,20,40 0-23 * * *", "0-40/20 0-23 * * *")]
    [InlineData("*/30 1 * * *", "*/30 1 * * *")]
    [InlineData("0,30 1 * * *", "0,30 1 * * *")]
    [InlineData("0 */24 * * *", "0 */24 * * *")]
    [InlineData("*/30 0 * * *", "*/30 0 * * *")]
    [InlineData("*/60 */24 * * *", "0 */24 * * *")]
    [InlineData("5 * * * *", "5 * * * *")]
    [InlineData("10-30/10 * * * *", "10-30/10 * * * *")]
    [InlineData("5/20 * * * *", "5-45/20 * * * *")]
    [InlineData("1,2,3,7,8 * * * *", "1-3,7,8 * * * *")]
    [InlineData("*/1 */7 * * *", "* */7 * * *")]
    [InlineData("0 0 1-31 * *", "0 0 1-31 * *")]
    [InlineData("0 0 */10 * *", "0 0 */10 * *")]
    [InlineData("0 0 */31 * *", "0 0 */31 * *")]
    [InlineData("0 0 1,11,21,31 * *", "0 0 1-31/10 * *")]
    [InlineData("0 9 * JAN,jul mon-FRI", "0 9 * 1,7 1-5")]
    [InlineData("0 0 * Jan-Dec sun-sat", "0 0 * * 0-6")]
    [InlineData("0 0 * * 7", "0 0 * * 0")]
    [InlineData("0 0 * * SUN", "0 0 * * 0")]
    [InlineData("0 0 * * 5-7", "0 0 * * 0,5,6")]
    [InlineData("0 0 * * 0-7", "0 0 * * 0-6")]
    [InlineData("0 0 * * */2", "0 0 * * */2")]
    [InlineData("0 0 * * MON/2", "0 0 * * 1-5/2")]
    [InlineData("0 0 * * 0/3", "0 0 * * 0-6/3")]
    [InlineData("0 0 1 */3 *", "0 0 1 */3 *")]
    [InlineData("@yearly", "0 0 1 1 *")]
    [InlineData("@ANNUALLY", "0 0 1 1 *")]
    [InlineData("@monthly", "0 0 1 * *")]
    [InlineData("@weekly", "0 0 * * 0")]
    [InlineData("@daily", "0 0 * * *")]
    [InlineData("@midnight", "0 0 * * *")]
    [InlineData(" @hourly ", "0 * * * *")]
    public void Given_an_expression_When_parsed_Then_its_canonical_form_is_as_expected(string text, string canonical)
    {
        CronExpression expression = CronExpression.Parse(text);

        Assert.Equal(canonical, expression.ToString());
        Assert.Equal(expression, CronExpression.Parse(canonical));
    }

    [Fact]
    public void Given_an_expression_When_parsed_Then_each_field_is_a_bit_set()
    {
        CronExpression expression = CronExpression.Parse("5,10 0-2 */10 FEB sat,7");

        Assert.Equal((1UL << 5) | (1UL << 10), expression.Minutes);
        Assert.Equal(0b111UL, expression.Hours);
        Assert.Equal((1UL << 1) | (1UL << 11) | (1UL << 21) | (1UL << 31), expression.DaysOfMonth);
        Assert.Equal(1UL << 2, expression.Months);
        Assert.Equal((1UL << 0) | (1UL << 6), expression.DaysOfWeek);
        Assert.True(expression.DayOfMonthStar);
        Assert.False(expression.DayOfWeekStar);
    }

    [Theory]
    [InlineData("0 0 * * 0", "0 0 * * 7")]
    [InlineData("0 0 * * SUN", "0 0 * * 7")]
    [InlineData("@weekly", "0 0 * * sun")]
    [InlineData("@daily", "0 0 * * *")]
    [InlineData("0 0 * * MON-FRI", "0 0 * * 1,2,3,4,5")]
    [InlineData("*/30 * * * *", "0,30 * * * *")]
    [InlineData("@hourly", "0 */1 * * *")]
    [InlineData("*/30 1 * * *", "*/30 1-1 * * *")]
    public void Given_two_spellings_of_one_schedule_When_parsed_Then_they_are_equal(string left, string right)
    {
        Assert.Equal(CronExpression.Parse(left), CronExpression.Parse(right));
        Assert.Equal(CronExpression.Parse(left).GetHashCode(), CronExpression.Parse(right).GetHashCode());
    }

    [Theory]
    [InlineData("0 0 * * *", "0 0 1-31 * *")]
    [InlineData("0 0 * * 1", "0 0 1-31 * 1")]
    [InlineData("0 0 */2 * 1", "0 0 1-31/2 * 1")]
    public void Given_a_star_and_its_explicit_range_in_a_day_field_When_parsed_Then_they_differ_because_the_day_rule_differs(string left, string right) =>
        Assert.NotEqual(CronExpression.Parse(left), CronExpression.Parse(right));

    [Theory]
    [InlineData("0 * * * *", "0 0-23 * * *")]
    [InlineData("*/30 1 * * *", "0,30 1 * * *")]
    [InlineData("* * * * *", "0-59 0-23 * * *")]
    [InlineData("@hourly", "0 0-23 * * *")]
    public void Given_a_star_and_its_explicit_range_in_the_minute_or_hour_When_parsed_Then_they_differ_because_the_daylight_saving_rule_differs(string left, string right)
    {
        CronExpression wildcard = CronExpression.Parse(left);
        CronExpression fixedTime = CronExpression.Parse(right);

        Assert.NotEqual(wildcard, fixedTime);
        Assert.True(wildcard.IsWildcard);
        Assert.False(fixedTime.IsWildcard);
    }

    [Theory]
    [InlineData("", "the expression is empty")]
    [InlineData("   ", "the expression is empty")]
    [InlineData("* * * *", "expected 5 fields (minute hour day-of-month month day-of-week), found 4 in '* * * *'")]
    [InlineData("* * * * * *", "expected 5 fields (minute hour day-of-month month day-of-week), found 6")]
    [InlineData("60 * * * *", "minute field '60': value '60' is out of range 0-59")]
    [InlineData("* 24 * * *", "hour field '24': value '24' is out of range 0-23")]
    [InlineData("* * 0 * *", "day-of-month field '0': value '0' is out of range 1-31")]
    [InlineData("* * 1,32 * *", "day-of-month field '1,32': value '32' is out of range 1-31")]
    [InlineData("* * * 0 *", "month field '0': value '0' is out of range 1-12")]
    [InlineData("* * * 13 *", "month field '13': value '13' is out of range 1-12")]
    [InlineData("* * * * 8", "day-of-week field '8': value '8' is out of range 0-7")]
    [InlineData("99999999999999999999 * * * *", "minute field '99999999999999999999': value '99999999999999999999' is out of range 0-59")]
    [InlineData("*/0 * * * *", "minute field '*/0': step '0' in '*/0' must be at least 1")]
    [InlineData("*/61 * * * *", "minute field '*/61': step '61' in '*/61' is larger than the 60 values of the field")]
    [InlineData("* */x * * *", "hour field '*/x': step 'x' in '*/x' is not a whole number")]
    [InlineData("* 1/ * * *", "hour field '1/': '1/' has no step after '/'")]
    [InlineData("* /2 * * *", "hour field '/2': '/2' has no range before '/'")]
    [InlineData("* 1/2/3 * * *", "hour field '1/2/3': step '2/3' in '1/2/3' is not a whole number")]
    [InlineData("5-1 * * * *", "minute field '5-1': range '5-1' goes backwards")]
    [InlineData("* * * * FRI-MON", "day-of-week field 'FRI-MON': range 'FRI-MON' goes backwards")]
    [InlineData("1- * * * *", "minute field '1-': range '1-' is missing a bound")]
    [InlineData("-1 * * * *", "minute field '-1': range '-1' is missing a bound")]
    [InlineData("1-2-3 * * * *", "minute field '1-2-3': range '1-2-3' has more than one '-'")]
    [InlineData("a * * * *", "minute field 'a': 'a' is not a number 0-59")]
    [InlineData("1,,2 * * * *", "minute field '1,,2': empty list item")]
    [InlineData("1, * * * *", "minute field '1,': empty list item")]
    [InlineData("*,5 * * * *", "minute field '*,5': '*' must stand alone in its field")]
    [InlineData("5* * * * *", "minute field '5*': '5*': '*' must stand alone")]
    [InlineData("* * * JANUARY *", "month field 'JANUARY': 'JANUARY' is neither a number 1-12 nor a month name JAN-DEC")]
    [InlineData("* * * MON *", "month field 'MON': 'MON' is neither a number 1-12 nor a month name JAN-DEC")]
    [InlineData("* * * * JAN", "day-of-week field 'JAN': 'JAN' is neither a number 0-7 nor a weekday name SUN-SAT")]
    [InlineData("* * MON * *", "day-of-month field 'MON': 'MON' is not a number 1-31")]
    [InlineData("* * * */JAN *", "month field '*/JAN': step 'JAN' in '*/JAN' is not a whole number")]
    [InlineData("* * * * +1", "day-of-week field '+1': '+1' is neither a number 0-7")]
    [InlineData("@reboot", "'@reboot' is not supported")]
    [InlineData("@often", "unknown macro '@often'")]
    public void Given_an_invalid_expression_When_parsed_Then_a_validation_error_names_the_field_and_the_token(string text, string reason)
    {
        var error = Assert.Throws<ValidationException>(() => CronExpression.Parse(text));

        Assert.Equal("schedule", error.Field);
        Assert.Equal("validation.failed", error.Code);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.False(CronExpression.TryParse(text, out CronExpression? none, out string? why));
        Assert.Null(none);
        Assert.Equal(error.Reason, why);
    }

    [Fact]
    public void Given_null_When_try_parsed_Then_false()
    {
        Assert.False(CronExpression.TryParse(null, out CronExpression? expression));
        Assert.Null(expression);
    }

    [Fact]
    public void Given_an_overlong_expression_When_parsed_Then_refused_by_length()
    {
        var error = Assert.Throws<ValidationException>(() => CronExpression.Parse(string.Join(',', Enumerable.Repeat("1", 300)) + " * * * *"));

        Assert.Contains("over the limit", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Europe/Prague", ZoneKind.Named, "Europe/Prague")]
    [InlineData("America/New_York", ZoneKind.Named, "America/New_York")]
    [InlineData("utc", ZoneKind.Utc, "UTC")]
    [InlineData("Local", ZoneKind.Local, "local")]
    public void Given_a_zone_text_When_parsed_Then_its_kind_and_id_are_kept(string text, ZoneKind kind, string id)
    {
        ZoneSpec zone = ZoneSpec.Parse(text, CronTestSupport.MachineZone);

        Assert.Equal(kind, zone.Kind);
        Assert.Equal(id, zone.Id);
        Assert.Equal(zone, ZoneSpec.Parse(zone.ToString(), CronTestSupport.MachineZone));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", "is not a known IANA time zone")]
    [InlineData("../../etc/passwd", "is not an IANA id")]
    [InlineData("/etc/localtime", "is not an IANA id")]
    [InlineData("Europe Prague", "is not an IANA id")]
    [InlineData("", "the id is empty")]
    public void Given_an_unknown_zone_When_named_Then_a_validation_error(string id, string reason)
    {
        var error = Assert.Throws<ValidationException>(() => ZoneSpec.Named(id));

        Assert.Equal("schedule", error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }
}
