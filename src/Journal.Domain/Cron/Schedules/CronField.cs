namespace Journal.Domain.Cron.Schedules;

/// <summary>The five fields of a cron expression, in the order they are written.</summary>
internal enum CronField
{
    /// <summary>Minute of the hour, 0-59.</summary>
    Minute,

    /// <summary>Hour of the day, 0-23.</summary>
    Hour,

    /// <summary>Day of the month, 1-31.</summary>
    DayOfMonth,

    /// <summary>Month, 1-12 or JAN-DEC.</summary>
    Month,

    /// <summary>Day of the week, 0-7 (0 and 7 are Sunday) or SUN-SAT.</summary>
    DayOfWeek,
}

/// <summary>Ranges, names and display names of the fields.</summary>
internal static class CronFields
{
    private static readonly string[] MonthNames =
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>Lowest value a field accepts as written.</summary>
    public static int Min(CronField field) => field switch
    {
        CronField.DayOfMonth or CronField.Month => 1,
        _ => 0,
    };

    /// <summary>Highest value a field accepts as written (day-of-week accepts 7 for Sunday).</summary>
    public static int Max(CronField field) => field switch
    {
        CronField.Minute => 59,
        CronField.Hour => 23,
        CronField.DayOfMonth => 31,
        CronField.Month => 12,
        _ => 7,
    };

    /// <summary>Highest value kept in the bit set (7 folds onto 0 for day-of-week).</summary>
    public static int MaxStored(CronField field) => field == CronField.DayOfWeek ? 6 : Max(field);

    /// <summary>Bit set with every stored value of the field.</summary>
    public static ulong Full(CronField field) => Span(Min(field), MaxStored(field));

    /// <summary>Bits <paramref name="from"/> to <paramref name="to"/> inclusive (0 &lt;= from &lt;= to &lt;= 63).</summary>
    public static ulong Span(int from, int to) =>
        (to == 63 ? ulong.MaxValue : (1UL << (to + 1)) - 1) & ~((1UL << from) - 1);

    /// <summary>Name used in error messages.</summary>
    public static string Display(CronField field) => field switch
    {
        CronField.Minute => "minute",
        CronField.Hour => "hour",
        CronField.DayOfMonth => "day-of-month",
        CronField.Month => "month",
        _ => "day-of-week",
    };

    /// <summary>Value of a three-letter name in the field, or -1 when the field has no such name.</summary>
    public static int NameValue(CronField field, ReadOnlySpan<char> token)
    {
        string[]? names = field switch
        {
            CronField.Month => MonthNames,
            CronField.DayOfWeek => DayNames,
            _ => null,
        };
        if (names is null)
            return -1;
        for (int i = 0; i < names.Length; i++)
        {
            if (token.Equals(names[i], StringComparison.OrdinalIgnoreCase))
                return field == CronField.Month ? i + 1 : i;
        }

        return -1;
    }
}
