using Journal.Domain.Errors;
using Journal.Projections.EventRate;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.EventRate;

public sealed class EventRateTests : IAsyncLifetime
{
    private readonly ReadSideScenario _s = new();

    public Task InitializeAsync() => _s.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static DateTimeOffset Minute(int n) => ReadSideScenario.Start.AddMinutes(n);

    [Fact]
    public async Task GetEventRate_counts_each_event_in_the_minute_it_was_recorded_when_events_straddle_minute_boundaries()
    {
        // Start is 10:00:00; each Send first moves the clock one second.
        _s.Clock.Step(TimeSpan.FromSeconds(57));
        var session = await _s.CreateSession();                  // 10:00:58
        await _s.Say(session, "a");                              // 10:00:59
        await _s.Say(session, "b");                              // 10:01:00, the first instant of minute 1
        await _s.Say(session, "c");                              // 10:01:01
        _s.Clock.Step(TimeSpan.FromSeconds(57));
        await _s.Say(session, "d");                              // 10:01:59, the last second of minute 1
        _s.Clock.Step(TimeSpan.FromSeconds(60));
        await _s.Say(session, "e");                              // 10:03:00: minute 2 has none
        var tape = await TapeMinutes();

        var rate = await _s.Query(new GetEventRateQuery(Minutes: 5, Until: Minute(4).AddSeconds(30), MinPosition: _s.Position));

        Assert.Equal((Minute(0), Minute(5), 1), (rate.From, rate.Until, rate.BucketMinutes));
        Assert.Equal([Minute(0), Minute(1), Minute(2), Minute(3), Minute(4)], rate.Buckets.Select(b => b.Start));
        Assert.Equal([tape[0], tape[1], 0, tape[3], 0], rate.Buckets.Select(b => b.Events));
        Assert.True(tape[0] >= 2 && tape[1] >= 3 && !tape.ContainsKey(2), "the events fall on both sides of the boundaries");
        Assert.Equal(_s.Position, rate.Total);
    }

    [Fact]
    public async Task GetEventRate_sums_whole_buckets_and_leaves_out_minutes_outside_the_window()
    {
        var session = await _s.CreateSession();                  // 10:00:01
        _s.Clock.Step(TimeSpan.FromMinutes(2));
        await _s.Say(session, "a");                              // 10:02:02
        _s.Clock.Step(TimeSpan.FromMinutes(1));
        await _s.Say(session, "b");                              // 10:03:03
        _s.Clock.Step(TimeSpan.FromMinutes(2));
        await _s.Say(session, "c");                              // 10:05:04, after the window
        var tape = await TapeMinutes();

        var rate = await _s.Query(new GetEventRateQuery(Minutes: 4, BucketMinutes: 2, Until: Minute(3), MinPosition: _s.Position));

        Assert.Equal((Minute(0), Minute(4)), (rate.From, rate.Until));
        Assert.Equal([(Minute(0), tape[0]), (Minute(2), tape[2] + tape[3])], rate.Buckets.Select(b => (b.Start, b.Events)));
        Assert.Equal(tape[0] + tape[2] + tape[3], rate.Total);
        Assert.True(tape[5] > 0);
    }

    [Fact]
    public async Task Rebuild_of_event_rate_gives_the_same_counts_as_the_live_projection()
    {
        var session = await _s.CreateSession();
        for (var i = 0; i < 30; i++)
        {
            _s.Clock.Step(TimeSpan.FromSeconds(13));
            await _s.Say(session, $"entry {i}");
        }

        var query = new GetEventRateQuery(Minutes: 12, Until: Minute(11), MinPosition: _s.Position);
        var live = await _s.Query(query);

        var result = await _s.Journal.Daemon.RebuildAsync(EventRateProjection.ProjectionName, null, default);
        var rebuilt = await _s.Query(query);

        Assert.Equal([EventRateProjection.ProjectionName], result.Projections);
        Assert.Equal(live.Buckets, rebuilt.Buckets);
        Assert.Equal(_s.Position, rebuilt.Total);
        Assert.True(live.Buckets.Count(b => b.Events > 0) >= 7, "the events spread over several minutes");
    }

    [Theory]
    [InlineData(0, 1, "minutes")]
    [InlineData(GetEventRateQuery.MaxMinutes + 1, 1, "minutes")]
    [InlineData(60, 0, "bucket")]
    [InlineData(60, 7, "minutes")]
    [InlineData(2880, 1, "bucket")]
    public async Task GetEventRate_refuses_a_window_or_bucket_out_of_range(int minutes, int bucket, string field)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _s.Query(new GetEventRateQuery(minutes, bucket)));

        Assert.Equal(field, error.Field);
    }

    /// <summary>Events per minute since <see cref="ReadSideScenario.Start"/>, counted from the tape itself.</summary>
    private async Task<Dictionary<int, long>> TapeMinutes()
    {
        var minutes = new Dictionary<int, long>();
        await foreach (var e in _s.Journal.Store.ReadAllAsync(1, default))
        {
            var minute = (int)((e.RecordedAt - ReadSideScenario.Start.ToUnixTimeMilliseconds()) / 60_000);
            minutes[minute] = minutes.GetValueOrDefault(minute) + 1;
        }

        return minutes;
    }
}
