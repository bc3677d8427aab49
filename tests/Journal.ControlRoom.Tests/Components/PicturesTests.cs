using Bunit;
using Journal.ControlRoom.Pictures;
using Journal.ControlRoom.Tests.Support;
using Journal.Domain.Runs;
using Journal.Projections.EventRate;
using Journal.Projections.Lag;
using Journal.Projections.Runs;

namespace Journal.ControlRoom.Tests.Components;

public sealed class PicturesTests : ComponentTestBase
{
    private static readonly DateTimeOffset At = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Events_per_minute_draw_a_bar_a_minute_from_the_read_model_and_redraw_when_the_tape_moves()
    {
        Mediator.On<GetEventRateQuery, EventRateView>(q => Rate(q.MinPosition is null ? [0, 4, 1] : [0, 4, 9]));
        var picture = Render<EventRatePicture>();

        var first = Assert.Single(Mediator.SentOf<GetEventRateQuery>());
        Assert.Equal((60, 1, (long?)null), (first.Minutes, first.BucketMinutes, first.MinPosition));
        Assert.Equal(["12:00 UTC: 0 events", "12:01 UTC: 4 events", "12:02 UTC: 1 event"], picture.FindAll("g.bar title").Select(t => t.TextContent));
        Assert.Equal(
            "Events per minute over the last hour, 12:00 to 12:03 UTC: 5 events in all, at most 4 in a minute (from 12:01).",
            picture.Find("svg[role=img]").GetAttribute("aria-label"));

        Tape.Commit(42);

        picture.WaitForAssertion(() => Assert.Equal("12:02 UTC: 9 events", picture.FindAll("g.bar title")[2].TextContent));
        Assert.Equal(42, Mediator.SentOf<GetEventRateQuery>().Last().MinPosition);
    }

    [Fact]
    public void Events_per_minute_over_a_day_ask_for_quarter_hours_and_an_idle_tape_reads_as_a_sentence()
    {
        Mediator.On<GetEventRateQuery, EventRateView>(q => Rate(new long[q.Minutes / q.BucketMinutes], q.BucketMinutes));
        var picture = Render<EventRatePicture>();
        Assert.Equal("No events were recorded in the last hour.", picture.Find("p.chart-empty").TextContent);

        picture.Find("select").Change("day");

        var day = Mediator.SentOf<GetEventRateQuery>().Last();
        Assert.Equal((1440, 15), (day.Minutes, day.BucketMinutes));
        Assert.Equal("No events were recorded in the last 24 hours.", picture.Find("p.chart-empty").TextContent);
        Assert.Empty(picture.FindAll("svg"));
    }

    [Fact]
    public void Projection_lag_draws_the_worst_projection_of_each_sample_and_names_it()
    {
        Mediator.On<GetProjectionLagHistoryQuery, ProjectionLagHistory>(_ => new ProjectionLagHistory(15, At.AddHours(-1), At,
        [
            new LagSample(At.AddSeconds(-30), [new("sessions.v2", "running", 0, 0), new("memory.v1", "running", 0, 0)]),
            new LagSample(At.AddSeconds(-15), [new("sessions.v2", "running", 3, 40), new("memory.v1", "running", 250, 1800)]),
        ]));

        var picture = Render<ProjectionLagPicture>();

        Assert.Equal(60, Assert.Single(Mediator.SentOf<GetProjectionLagHistoryQuery>()).Minutes);
        Assert.Equal(
            ["11:59:30 UTC: sessions.v2 0 events behind (0 ms)", "11:59:45 UTC: memory.v1 250 events behind (1,800 ms)"],
            picture.FindAll("g.bar title").Select(t => t.TextContent));
        Assert.Contains("the furthest behind was memory.v1 250 events behind (1,800 ms) at 11:59:45 UTC", picture.Find("svg[role=img]").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal(["11:59:45", "250", "memory.v1, 1,800 ms"], picture.FindAll(".visually-hidden table tbody tr")[1].Children.Select(c => c.TextContent));
    }

    [Fact]
    public void Projection_lag_right_after_a_start_says_that_the_samples_are_kept_in_memory()
    {
        Mediator.On<GetProjectionLagHistoryQuery, ProjectionLagHistory>(_ => new ProjectionLagHistory(15, At.AddHours(-1), At, []));

        var picture = Render<ProjectionLagPicture>();

        Assert.Empty(picture.FindAll("svg"));
        Assert.Equal(
            "No samples yet: the service samples every projection's lag every 15 s from its start and keeps the last hour in memory only.",
            picture.Find("p.chart-empty").TextContent);
    }

    [Fact]
    public void Tokens_per_run_stack_input_and_output_with_the_oldest_run_on_the_left()
    {
        var newer = Run(Guid.Parse("bbbbbbbb-0000-0000-0000-000000000002"), 1200, 300, RunStatus.Succeeded);
        var older = Run(Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001"), 40, 2, RunStatus.Failed);

        var picture = Render<TokensPerRunPicture>(p => p.Add(c => c.Runs, [newer, older]));

        Assert.Equal(["aaaaaaaa", "bbbbbbbb"], picture.FindAll("g.label text").Select(t => t.TextContent));
        Assert.Equal(
            ["Run aaaaaaaa (Failed): 40 in + 2 out = 42 tokens", "Run bbbbbbbb (Succeeded): 1,200 in + 300 out = 1,500 tokens"],
            picture.FindAll("g.bar title").Select(t => t.TextContent));
        Assert.Equal(["42", "1500"], picture.FindAll("g.bar").Select(b => b.GetAttribute("data-total")));
        Assert.Equal(
            "Tokens per run for 2 runs: 1,240 in and 302 out in all; the most, 1,500, by run bbbbbbbb.",
            picture.Find("svg[role=img]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Tokens_per_run_without_runs_or_tokens_read_as_a_sentence()
    {
        var none = Render<TokensPerRunPicture>(p => p.Add(c => c.Runs, []));
        var idle = Render<TokensPerRunPicture>(p => p.Add(c => c.Runs, [Run(Guid.NewGuid(), 0, 0, RunStatus.Accepted)]));

        Assert.Equal("No runs, so no tokens.", none.Find("p.chart-empty").TextContent);
        Assert.Equal("No tokens recorded for these runs.", idle.Find("p.chart-empty").TextContent);
    }

    [Fact]
    public void Tokens_of_the_latest_runs_are_read_across_sessions_for_the_overview()
    {
        Mediator.On<ListRecentRunsQuery, IReadOnlyList<RunView>>(_ => [Run(Guid.NewGuid(), 10, 5, RunStatus.Succeeded), Run(Guid.NewGuid(), 7, 0, RunStatus.InProgress)]);

        var picture = Render<RecentTokensPicture>();

        Assert.Equal(RecentTokensPicture.Count, Assert.Single(Mediator.SentOf<ListRecentRunsQuery>()).Limit);
        Assert.Equal(["7", "15"], picture.FindAll("g.bar").Select(b => b.GetAttribute("data-total")));
    }

    private static EventRateView Rate(long[] counts, int bucket = 1) => new(
        At,
        At.AddMinutes(counts.Length * bucket),
        bucket,
        counts.Sum(),
        counts.Select((n, i) => new EventRateBucket(At.AddMinutes(i * bucket), n)).ToList());

    private static RunView Run(Guid id, long input, long output, RunStatus status) =>
        new(id, Guid.NewGuid(), RunKind.Foreground, null, status, false, input, output, At, null, null, null, false, 1, 1, 1);
}
