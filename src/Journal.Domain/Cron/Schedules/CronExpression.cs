using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text;
using Journal.Domain.Errors;

namespace Journal.Domain.Cron.Schedules;

/// <summary>
/// A parsed 5-field cron expression (minute hour day-of-month month day-of-week), in the Vixie cron
/// dialect documented in <c>docs/cron.md</c>: <c>*</c>, lists, ranges, steps, month and weekday names,
/// <c>7</c> as Sunday and the <c>@daily</c>-style macros. Each field is kept as a bit set.
/// </summary>
/// <remarks>
/// Day rule, as in Vixie cron: when both day-of-month and day-of-week are restricted, a day matches if
/// <em>either</em> matches; when either of them starts with <c>*</c> (<c>*</c> or <c>*/n</c>), both
/// must match. The expression knows nothing of time zones: it matches wall-clock minutes, and
/// <see cref="CronSchedule"/> maps them to instants, by elapsed time for a <see cref="IsWildcard"/>
/// expression and once per wall-clock minute otherwise.
/// </remarks>
public sealed class CronExpression : IEquatable<CronExpression>
{
    /// <summary>
    /// How far ahead a search for the next match looks: a full Gregorian cycle (400 years repeat the
    /// calendar exactly, weekdays included), so "no match" means "never", not "not soon".
    /// </summary>
    internal const int SearchYears = 400;

    private const int LastSearchableYear = 9998;

    /// <summary>For each weekday of the 1st of a month (0 = Sunday), the days of the month 1-31 that fall on a listed weekday.</summary>
    private readonly ulong[] weekdayDays = new ulong[7];
    private readonly string text;

    internal CronExpression(ulong minutes, ulong hours, ulong daysOfMonth, ulong months, ulong daysOfWeek, bool dayOfMonthStar, bool dayOfWeekStar, bool wildcard)
    {
        Minutes = minutes;
        Hours = hours;
        DaysOfMonth = daysOfMonth;
        Months = months;
        DaysOfWeek = daysOfWeek;
        DayOfMonthStar = dayOfMonthStar;
        DayOfWeekStar = dayOfWeekStar;
        IsWildcard = wildcard;
        for (int first = 0; first < 7; first++)
        {
            for (int day = 1; day <= 31; day++)
            {
                if ((daysOfWeek & (1UL << ((first + day - 1) % 7))) != 0)
                    weekdayDays[first] |= 1UL << day;
            }
        }

        (StarForm minuteForm, StarForm hourForm) = TimeFieldForms(minutes, hours, wildcard);
        text = string.Join(' ',
            Render(CronField.Minute, minutes, minuteForm),
            Render(CronField.Hour, hours, hourForm),
            Render(CronField.DayOfMonth, daysOfMonth, dayOfMonthStar ? StarForm.Always : StarForm.Never),
            Render(CronField.Month, months, StarForm.WhenWide),
            Render(CronField.DayOfWeek, daysOfWeek, dayOfWeekStar ? StarForm.Always : StarForm.Never));
    }

    /// <summary>Minutes 0-59 that match: bit <c>n</c> set for minute <c>n</c>.</summary>
    public ulong Minutes { get; }

    /// <summary>Hours 0-23 that match: bit <c>n</c> set for hour <c>n</c>.</summary>
    public ulong Hours { get; }

    /// <summary>Days of the month 1-31 that match: bit <c>n</c> set for day <c>n</c>.</summary>
    public ulong DaysOfMonth { get; }

    /// <summary>Months 1-12 that match: bit <c>n</c> set for month <c>n</c>.</summary>
    public ulong Months { get; }

    /// <summary>Weekdays that match: bit 0 is Sunday, bit 6 Saturday (a written <c>7</c> sets bit 0).</summary>
    public ulong DaysOfWeek { get; }

    /// <summary>The day-of-month field was written starting with <c>*</c>, so it does not restrict the day on its own.</summary>
    public bool DayOfMonthStar { get; }

    /// <summary>The day-of-week field was written starting with <c>*</c>, so it does not restrict the day on its own.</summary>
    public bool DayOfWeekStar { get; }

    /// <summary>
    /// The minute or the hour field was written starting with <c>*</c> (<c>*</c> or <c>*/n</c>; <c>@hourly</c>
    /// is <c>0 * * * *</c>): a wildcard job in Vixie cron's terms, which runs by elapsed time across a
    /// daylight-saving change. Otherwise the expression is fixed-time and runs once per wall-clock minute.
    /// </summary>
    public bool IsWildcard { get; }

    /// <summary>Reads an expression; a malformed one is refused with a reason naming the field and the token.</summary>
    /// <exception cref="ValidationException">On field <c>schedule</c>, when the text is not a valid expression.</exception>
    public static CronExpression Parse(string text) =>
        CronParser.Parse(text, out string? error) ?? throw new ValidationException("schedule", error!);

    /// <summary>Reads an expression, or returns <see langword="false"/> when it is malformed.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out CronExpression? expression) =>
        TryParse(text, out expression, out _);

    /// <summary>Reads an expression, or returns <see langword="false"/> with the reason it is malformed.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out CronExpression? expression,
        [NotNullWhen(false)] out string? error)
    {
        expression = CronParser.Parse(text, out error);
        return expression is not null;
    }

    /// <summary>Whether the wall-clock minute of <paramref name="wallClock"/> matches (seconds are ignored).</summary>
    public bool Matches(DateTime wallClock) =>
        Has(Minutes, wallClock.Minute)
        && Has(Hours, wallClock.Hour)
        && Has(Months, wallClock.Month)
        && DayMatches(wallClock.Day, (int)wallClock.DayOfWeek);

    /// <summary>
    /// The first wall-clock minute at or after <paramref name="from"/> (a whole minute) that matches, or
    /// <see langword="null"/> when none does within <see cref="SearchYears"/> years. Walks from the largest
    /// unit down: month, day, hour, minute; a field that runs out carries into the one above and resets
    /// the ones below. No minute-by-minute stepping: each step is a bit scan.
    /// </summary>
    internal DateTime? NextMatch(DateTime from)
    {
        int lastYear = Math.Min(from.Year + SearchYears, LastSearchableYear);
        int year = from.Year, month = from.Month, day = from.Day, hour = from.Hour, minute = from.Minute;
        while (year <= lastYear)
        {
            int nextMonth = NextBit(Months, month);
            if (nextMonth < 0)
            {
                (year, month, day, hour, minute) = (year + 1, 1, 1, 0, 0);
                continue;
            }

            if (nextMonth != month)
                (month, day, hour, minute) = (nextMonth, 1, 0, 0);

            int nextDay = NextDay(year, month, day);
            if (nextDay < 0)
            {
                (month, day, hour, minute) = (month + 1, 1, 0, 0);
                continue;
            }

            if (nextDay != day)
                (day, hour, minute) = (nextDay, 0, 0);

            int nextHour = NextBit(Hours, hour);
            if (nextHour < 0)
            {
                (day, hour, minute) = (day + 1, 0, 0);
                continue;
            }

            if (nextHour != hour)
                (hour, minute) = (nextHour, 0);

            int nextMinute = NextBit(Minutes, minute);
            if (nextMinute < 0)
            {
                (hour, minute) = (hour + 1, 0);
                continue;
            }

            return new DateTime(year, month, day, hour, nextMinute, 0, DateTimeKind.Unspecified);
        }

        return null;
    }

    /// <summary>The canonical form: five numeric fields, names and macros expanded, lists sorted and compacted.</summary>
    public override string ToString() => text;

    /// <inheritdoc/>
    public bool Equals(CronExpression? other) =>
        other is not null
        && Minutes == other.Minutes
        && Hours == other.Hours
        && DaysOfMonth == other.DaysOfMonth
        && Months == other.Months
        && DaysOfWeek == other.DaysOfWeek
        && DayOfMonthStar == other.DayOfMonthStar
        && DayOfWeekStar == other.DayOfWeekStar
        && IsWildcard == other.IsWildcard;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CronExpression);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Minutes, Hours, DaysOfMonth, Months, DaysOfWeek, DayOfMonthStar, DayOfWeekStar, IsWildcard);

    /// <summary>Equality of the fields (two spellings of the same schedule are equal).</summary>
    public static bool operator ==(CronExpression? left, CronExpression? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Inequality of the fields.</summary>
    public static bool operator !=(CronExpression? left, CronExpression? right) => !(left == right);

    private bool DayMatches(int dayOfMonth, int dayOfWeek)
    {
        bool domMatches = Has(DaysOfMonth, dayOfMonth);
        bool dowMatches = Has(DaysOfWeek, dayOfWeek);
        return DayOfMonthStar || DayOfWeekStar ? domMatches && dowMatches : domMatches || dowMatches;
    }

    /// <summary>First day at or after <paramref name="from"/> in the month that passes the day rule, or -1.</summary>
    private int NextDay(int year, int month, int from)
    {
        int daysInMonth = DateTime.DaysInMonth(year, month);
        if (from > daysInMonth)
            return -1;
        ulong byWeekday = weekdayDays[(int)new DateTime(year, month, 1).DayOfWeek];
        ulong days = DayOfMonthStar || DayOfWeekStar ? DaysOfMonth & byWeekday : DaysOfMonth | byWeekday;
        return NextBit(days & CronFields.Span(1, daysInMonth), from);
    }

    private static bool Has(ulong bits, int value) => (bits & (1UL << value)) != 0;

    /// <summary>Lowest set bit at or above <paramref name="from"/>, or -1.</summary>
    private static int NextBit(ulong bits, int from)
    {
        if (from > 63)
            return -1;
        ulong rest = bits & (ulong.MaxValue << from);
        return rest == 0 ? -1 : BitOperations.TrailingZeroCount(rest);
    }

    /// <summary>When a field may be written as <c>*</c> or <c>*/n</c>.</summary>
    private enum StarForm
    {
        /// <summary>Never: the star would change the day rule or the daylight-saving rule.</summary>
        Never,

        /// <summary>When it describes a set of three or more values.</summary>
        WhenWide,

        /// <summary>Always: the field was written with a star that the rules depend on.</summary>
        Always,
    }

    /// <summary>
    /// A fixed-time expression writes no star in minute or hour. A wildcard one writes them as the other
    /// fields do and, when neither came out starred (<c>*/30 1</c> is {0,30} and {1}), stars the one of
    /// the two that is a star set with more values, the hour on a tie.
    /// </summary>
    private static (StarForm Minute, StarForm Hour) TimeFieldForms(ulong minutes, ulong hours, bool wildcard)
    {
        if (!wildcard)
            return (StarForm.Never, StarForm.Never);
        bool minuteStarred = BitOperations.PopCount(minutes) >= 3 && StarStepOf(CronField.Minute, minutes) > 0;
        bool hourStarred = BitOperations.PopCount(hours) >= 3 && StarStepOf(CronField.Hour, hours) > 0;
        if (minuteStarred || hourStarred)
            return (StarForm.WhenWide, StarForm.WhenWide);
        bool minuteCan = StarStepOf(CronField.Minute, minutes) > 0;
        bool hourCan = StarStepOf(CronField.Hour, hours) > 0;
        bool starMinute = minuteCan && (!hourCan || BitOperations.PopCount(minutes) > BitOperations.PopCount(hours));
        return starMinute ? (StarForm.Always, StarForm.WhenWide) : (StarForm.WhenWide, StarForm.Always);
    }

    /// <summary>The step <c>n</c> for which <c>*/n</c> is exactly <paramref name="bits"/>, or 0.</summary>
    private static int StarStepOf(CronField field, ulong bits)
    {
        int min = CronFields.Min(field);
        int maxStored = CronFields.MaxStored(field);
        for (int step = 1; step <= maxStored - min + 1; step++)
        {
            if (bits == StarStep(min, maxStored, step))
                return step;
        }

        return 0;
    }

    /// <summary>
    /// One field in canonical form. <c>*</c> and <c>*/n</c> are used as <paramref name="form"/> allows:
    /// whenever they describe a set of three or more values, in the month field and in the minute and hour
    /// of a wildcard expression; in a day field only when it was written with a star (the star changes the
    /// day rule), and then always; never in the minute and hour of a fixed-time expression (a star there
    /// would make it a wildcard). Otherwise an arithmetic run of three or more values is <c>a-b/n</c>, and
    /// the rest is a sorted list where runs of three or more consecutive values become <c>a-b</c>.
    /// </summary>
    private static string Render(CronField field, ulong bits, StarForm form)
    {
        int min = CronFields.Min(field);
        int maxStored = CronFields.MaxStored(field);
        if (form == StarForm.Always || (form == StarForm.WhenWide && BitOperations.PopCount(bits) >= 3))
        {
            int step = StarStepOf(field, bits);
            if (step > 0)
                return step == 1 ? "*" : $"*/{step}";
        }

        var values = new List<int>();
        for (int v = min; v <= maxStored; v++)
        {
            if (Has(bits, v))
                values.Add(v);
        }

        if (values.Count >= 3)
        {
            int step = values[1] - values[0];
            bool arithmetic = step >= 2;
            for (int i = 2; arithmetic && i < values.Count; i++)
                arithmetic = values[i] - values[i - 1] == step;
            if (arithmetic)
                return $"{values[0]}-{values[^1]}/{step}";
        }

        var sb = new StringBuilder();
        for (int i = 0; i < values.Count;)
        {
            int j = i;
            while (j + 1 < values.Count && values[j + 1] == values[j] + 1)
                j++;
            if (sb.Length > 0)
                sb.Append(',');
            if (j - i >= 2)
            {
                sb.Append(values[i]).Append('-').Append(values[j]);
            }
            else
            {
                for (int k = i; k <= j; k++)
                {
                    if (k > i)
                        sb.Append(',');
                    sb.Append(values[k]);
                }
            }

            i = j + 1;
        }

        return sb.ToString();
    }

    private static ulong StarStep(int min, int max, int step)
    {
        ulong bits = 0;
        for (int v = min; v <= max; v += step)
            bits |= 1UL << v;
        return bits;
    }
}
