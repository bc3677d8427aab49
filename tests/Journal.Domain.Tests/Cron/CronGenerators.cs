using FsCheck;
using FsCheck.Fluent;

namespace Journal.Domain.Tests.Cron;

/// <summary>
/// A generated expression with the values each field stands for, worked out here from how it was built,
/// independently of the parser.
/// </summary>
internal sealed record GeneratedCron(string Text, int[][] Values, bool DayOfMonthStar, bool DayOfWeekStar)
{
    /// <summary>Vixie cron's wildcard job: the minute or the hour field was written starting with <c>*</c>.</summary>
    public bool Wildcard => Text.StartsWith('*') || Text.Split(' ')[1].StartsWith('*');

    public bool Matches(DateTime wall)
    {
        bool dom = Values[2].Contains(wall.Day);
        bool dow = Values[4].Contains((int)wall.DayOfWeek);
        return Values[0].Contains(wall.Minute)
            && Values[1].Contains(wall.Hour)
            && Values[3].Contains(wall.Month)
            && (DayOfMonthStar || DayOfWeekStar ? dom && dow : dom || dow);
    }

    public override string ToString() => Text;
}

internal static class CronGenerators
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] Days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    // (lowest, highest as written, highest stored, weight of '*')
    private static readonly (int Min, int Max, int MaxStored, int StarWeight)[] Fields =
    [
        (0, 59, 59, 2),
        (0, 23, 23, 2),
        (1, 31, 31, 6),
        (1, 12, 12, 8),
        (0, 7, 6, 6),
    ];

    public static readonly string[] Zones = ["UTC", "Europe/Prague", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"];

    /// <summary>Instants where the zones above change their offset; random times cluster around them.</summary>
    private static readonly DateTimeOffset[] Transitions =
    [
        new(2025, 3, 30, 1, 0, 0, TimeSpan.Zero), new(2025, 10, 26, 1, 0, 0, TimeSpan.Zero),
        new(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), new(2024, 10, 27, 1, 0, 0, TimeSpan.Zero),
        new(2025, 3, 9, 7, 0, 0, TimeSpan.Zero), new(2025, 11, 2, 6, 0, 0, TimeSpan.Zero),
        new(2024, 11, 3, 6, 0, 0, TimeSpan.Zero), new(2026, 3, 8, 7, 0, 0, TimeSpan.Zero),
        new(2025, 10, 4, 15, 30, 0, TimeSpan.Zero), new(2026, 4, 4, 15, 0, 0, TimeSpan.Zero),
    ];

    public static Gen<GeneratedCron> Expression =>
        from minute in Field(0)
        from hour in Field(1)
        from dom in Field(2)
        from month in Field(3)
        from dow in Field(4)
        select new GeneratedCron(
            string.Join(' ', minute.Text, hour.Text, dom.Text, month.Text, dow.Text),
            [minute.Values, hour.Values, dom.Values, month.Values, dow.Values],
            dom.Text.StartsWith('*'),
            dow.Text.StartsWith('*'));

    public static Gen<string> Zone => Gen.Elements(Zones);

    /// <summary>Mostly near a daylight-saving transition (often within the hour around it), otherwise anywhere in 2020-2031; seconds included.</summary>
    public static Gen<DateTimeOffset> Instant =>
        Gen.Frequency(
            (2, from t in Gen.Elements(Transitions)
                from minutes in Gen.Choose(-90, 90)
                from seconds in Gen.Elements(0, 0, 30, 59)
                select t.AddMinutes(minutes).AddSeconds(seconds)),
            (2, from t in Gen.Elements(Transitions)
                from minutes in Gen.Choose(-3 * 24 * 60, 24 * 60)
                from seconds in Gen.Elements(0, 0, 30, 59)
                select t.AddMinutes(minutes).AddSeconds(seconds)),
            (1, from minutes in Gen.Choose(0, 12 * 366 * 24 * 60)
                from seconds in Gen.Choose(0, 59)
                select new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(minutes).AddSeconds(seconds)));

    private static Gen<(string Text, int[] Values)> Field(int index)
    {
        (int min, int max, int maxStored, int starWeight) = Fields[index];
        int size = maxStored - min + 1;
        Gen<(string, int[])> star = Gen.Constant(("*", Steps(min, maxStored, 1)));
        Gen<(string, int[])> starStep =
            from n in Gen.Choose(2, size)
            select ($"*/{n}", Steps(min, maxStored, n));
        Gen<(string, int[])> list =
            from items in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Item(index), n))
            select (string.Join(',', items.Select(i => i.Text)), items.SelectMany(i => i.Values).Distinct().Order().ToArray());
        return Gen.Frequency((starWeight, star), (1, starStep), (6, list));
    }

    private static Gen<(string Text, int[] Values)> Item(int index)
    {
        (int min, int max, int maxStored, _) = Fields[index];
        int size = maxStored - min + 1;
        Gen<(string, int[])> single =
            from v in Gen.Choose(min, max)
            from text in Spell(index, v)
            select (text, Fold(index, [v]));
        Gen<(string, int[])> range =
            from a in Gen.Choose(min, max)
            from b in Gen.Choose(a, max)
            from ta in Spell(index, a)
            from tb in Spell(index, b)
            select ($"{ta}-{tb}", Fold(index, Enumerable.Range(a, b - a + 1)));
        Gen<(string, int[])> rangeStep =
            from a in Gen.Choose(min, max)
            from b in Gen.Choose(a, max)
            from n in Gen.Choose(1, size)
            select ($"{a}-{b}/{n}", Fold(index, Steps(a, b, n)));
        Gen<(string, int[])> startStep =
            from a in Gen.Choose(min, maxStored)
            from n in Gen.Choose(1, size)
            select ($"{a}/{n}", Steps(a, maxStored, n));
        return Gen.Frequency((4, single), (3, range), (2, rangeStep), (1, startStep));
    }

    /// <summary>A number, or for months and weekdays sometimes a name in a random case.</summary>
    private static Gen<string> Spell(int index, int value)
    {
        string[]? names = index switch
        {
            3 => Months,
            4 when value < 7 => Days,
            _ => null,
        };
        if (names is null)
            return Gen.Constant(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string name = names[index == 3 ? value - 1 : value];
        return Gen.Elements(
            value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            name,
            name.ToUpperInvariant(),
            char.ToUpperInvariant(name[0]) + name[1..]);
    }

    private static int[] Steps(int from, int to, int step)
    {
        var values = new List<int>();
        for (int v = from; v <= to; v += step)
            values.Add(v);
        return [.. values];
    }

    /// <summary>Day-of-week 7 is Sunday.</summary>
    private static int[] Fold(int index, IEnumerable<int> values) =>
        values.Select(v => index == 4 && v == 7 ? 0 : v).Distinct().Order().ToArray();
}
