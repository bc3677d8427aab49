namespace Journal.ControlRoom.Pictures;

/// <summary>
/// The value axis of a chart: from 0 to a round top at or above the largest value, with ticks at a round step
/// (1, 2 or 5 times a power of ten), at most five of them above 0.
/// </summary>
public sealed record ChartScale(long Top, long Step)
{
    /// <summary>The scale for values up to <paramref name="max"/> (a scale of 1 for nothing).</summary>
    public static ChartScale For(long max)
    {
        if (max <= 0)
        {
            return new ChartScale(1, 1);
        }

        var step = 1L;
        while (true)
        {
            foreach (var multiple in (ReadOnlySpan<long>)[1, 2, 5])
            {
                var candidate = step * multiple;
                if ((max + candidate - 1) / candidate <= 5)
                {
                    return new ChartScale((max + candidate - 1) / candidate * candidate, candidate);
                }
            }

            step *= 10;
        }
    }

    /// <summary>The tick values, 0 first, the top last.</summary>
    public IEnumerable<long> Ticks()
    {
        for (var tick = 0L; tick <= Top; tick += Step)
        {
            yield return tick;
        }
    }
}
