namespace Journal.ControlRoom.Pictures;

/// <summary>One bar of a <see cref="BarChart"/>: its parts stacked from the axis up, one per series.</summary>
/// <param name="Label">What the x axis says under it (a time, a run), short.</param>
/// <param name="Title">What a pointer over it shows, in words (its <c>&lt;title&gt;</c>).</param>
/// <param name="Parts">Its value in each series, in the chart's series order; none negative.</param>
/// <param name="Note">What the hidden table adds about it beyond its values, if anything.</param>
public sealed record ChartBar(string Label, string Title, IReadOnlyList<long> Parts, string? Note = null)
{
    /// <summary>A bar of one series.</summary>
    public ChartBar(string label, string title, long value)
        : this(label, title, [value])
    {
    }

    /// <summary>The bar's height: its parts together.</summary>
    public long Total => Parts.Sum();
}
