using Bunit;
using Journal.ControlRoom.Pictures;
using Journal.ControlRoom.Tests.Support;

namespace Journal.ControlRoom.Tests.Components;

public sealed class BarChartTests : ComponentTestBase
{
    [Fact]
    public void Each_bar_is_drawn_in_proportion_with_its_title_and_the_figure_says_what_it_shows()
    {
        var chart = Chart([new("12:00", "12:00 UTC: 10 events", 10), new("12:01", "12:01 UTC: 5 events", 5), new("12:02", "12:02 UTC: 0 events", 0)]);

        var svg = chart.Find("figure.chart svg");
        Assert.Equal(("img", "Events per minute: 15 in all.", "0 0 600 240"), (svg.GetAttribute("role"), svg.GetAttribute("aria-label"), svg.GetAttribute("viewBox")));
        Assert.Null(svg.GetAttribute("width"));
        var bars = chart.FindAll("g.bar");
        Assert.Equal(["12:00 UTC: 10 events", "12:01 UTC: 5 events", "12:02 UTC: 0 events"], bars.Select(b => b.QuerySelector("title")!.TextContent));
        var heights = bars.Select(b => b.QuerySelectorAll("rect.series0").Select(r => double.Parse(r.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture)).SingleOrDefault()).ToList();
        Assert.Equal(186, heights[0], 3); // the tallest reaches the top of the plot: 10 on a 0–10 scale
        Assert.Equal(heights[0] / 2, heights[1], 3);
        Assert.Equal(0, heights[2]);
        Assert.Single(bars[2].QuerySelectorAll("rect.hit")); // a zero bar still shows its title under a pointer
    }

    [Fact]
    public void The_axes_carry_their_names_round_ticks_and_at_most_six_bar_labels()
    {
        var bars = Enumerable.Range(0, 60).Select(i => new ChartBar($"m{i}", $"minute {i}", i % 7)).ToList();

        var chart = Chart(bars);

        Assert.Equal(["0", "2", "4", "6"], chart.FindAll("g.tick text").Select(t => t.TextContent));
        Assert.Equal(["m0", "m10", "m20", "m30", "m40", "m50"], chart.FindAll("g.label text").Select(t => t.TextContent));
        Assert.Equal(["Events a minute", "Time (UTC)"], chart.FindAll("text.axis-label").Select(t => t.TextContent));
        Assert.Equal(60, chart.FindAll("g.bar").Count);
    }

    [Fact]
    public void A_hidden_table_gives_every_bar_its_values_for_screen_readers()
    {
        var chart = Render<BarChart>(p => p
            .Add(c => c.Bars, [new("run a", "a", [1200, 300]), new("run b", "b", [40, 2], "retried")])
            .Add(c => c.Series, ["Input tokens", "Output tokens"])
            .Add(c => c.Summary, "Tokens per run.")
            .Add(c => c.XLabel, "Run")
            .Add(c => c.YLabel, "Tokens")
            .Add(c => c.EmptyText, "No tokens."));

        var table = chart.Find(".visually-hidden table");
        Assert.Equal("Tokens per run.", table.QuerySelector("caption")!.TextContent);
        Assert.Equal(["Run", "Input tokens", "Output tokens", "Note"], table.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal(
            [["run a", "1,200", "300", ""], ["run b", "40", "2", "retried"]],
            table.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent).ToList()));
        Assert.Equal(2, chart.FindAll("g.bar")[0].QuerySelectorAll("rect.series0, rect.series1").Length);
        Assert.Equal(["Input tokens", "Output tokens"], chart.FindAll(".legend span").Select(s => s.TextContent.Trim()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void No_bars_or_only_zeros_show_the_sentence_instead_of_an_empty_figure(int zeros)
    {
        var chart = Chart(Enumerable.Range(0, zeros).Select(i => new ChartBar($"{i}", $"{i}", 0)).ToList());

        Assert.Empty(chart.FindAll("svg"));
        Assert.Empty(chart.FindAll("table"));
        Assert.Equal("No events in the last hour.", chart.Find("p.chart-empty").TextContent);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(5, 5, 1)]
    [InlineData(7, 8, 2)]
    [InlineData(10, 10, 2)]
    [InlineData(11, 15, 5)]
    [InlineData(1234, 1500, 500)]
    [InlineData(99_999, 100_000, 20_000)]
    public void The_scale_tops_the_largest_value_with_a_round_step_and_at_most_five_ticks(long max, long top, long step)
    {
        var scale = ChartScale.For(max);

        Assert.Equal((top, step), (scale.Top, scale.Step));
        Assert.InRange(scale.Ticks().Count(), 2, 6);
    }

    private IRenderedComponent<BarChart> Chart(IReadOnlyList<ChartBar> bars) => Render<BarChart>(p => p
        .Add(c => c.Bars, bars)
        .Add(c => c.Summary, $"Events per minute: {bars.Sum(b => b.Total)} in all.")
        .Add(c => c.XLabel, "Time (UTC)")
        .Add(c => c.YLabel, "Events a minute")
        .Add(c => c.EmptyText, "No events in the last hour."));
}
