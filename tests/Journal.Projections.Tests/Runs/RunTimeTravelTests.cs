using Journal.Domain.Errors;
using Journal.Domain.Runs;
using Journal.Domain.Runs.UseCases;
using Journal.Projections.Runs;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.Runs;

public sealed class RunTimeTravelTests : IAsyncLifetime
{
    private readonly ReadSideScenario _s = new();
    private Guid _session;
    private Guid _run;

    public async Task InitializeAsync()
    {
        await _s.StartAsync();
        _session = await _s.CreateSession();                                 // t1
        _run = await _s.AcceptRun(_session);                                 // t2, v1
        await _s.Send(new StartRunRequest(_run));                            // t3, v2
        await _s.CreateSession("bob");                                       // t4, another stream in between
        await _s.Send(new RecordRunTokenUsageRequest(_run, 100, 40));        // t5, v3
        await _s.Send(new CompleteRunRequest(_run, "fine"));                 // t6, v4
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static DateTimeOffset At(int seconds) => ReadSideScenario.Start.AddSeconds(seconds);

    private Task<long> Seq(long version) => _s.SeqOf(RunDecider.StreamFor(_run), version);

    private async Task<RunView> Expected(long version) => version switch
    {
        1 => new RunView(_run, _session, RunKind.Foreground, null, RunStatus.Accepted, false, 0, 0, At(2), null, null, null, false, await Seq(1), 1, await Seq(1)),
        2 => await Expected(1) with { Status = RunStatus.InProgress, StartedAt = At(3), StreamVersion = 2, LastPosition = await Seq(2) },
        3 => await Expected(2) with { InputTokens = 100, OutputTokens = 40, StreamVersion = 3, LastPosition = await Seq(3) },
        _ => await Expected(3) with { Status = RunStatus.Succeeded, EndedAt = At(6), StreamVersion = 4, LastPosition = await Seq(4) },
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task GetRunAt_returns_the_state_after_each_stream_version_when_asked_by_version(long version)
    {
        Assert.Equal(await Expected(version), await _s.Query(new GetRunAtQuery(_run, StreamVersion: version)));
    }

    [Fact]
    public async Task GetRunAt_returns_the_state_at_a_tape_position_when_it_falls_on_or_between_the_streams_events()
    {
        Assert.Equal(await Expected(1), await _s.Query(new GetRunAtQuery(_run, Position: await Seq(1))));
        Assert.Equal(await Expected(2), await _s.Query(new GetRunAtQuery(_run, Position: await Seq(3) - 1)));
        Assert.Equal(await Expected(3), await _s.Query(new GetRunAtQuery(_run, Position: await Seq(3))));
        Assert.Equal(await Expected(4), await _s.Query(new GetRunAtQuery(_run, Position: await Seq(4) + 100)));
    }

    [Fact]
    public async Task GetRunAt_equals_the_projected_row_when_asked_for_the_present()
    {
        var row = await _s.Query(new GetRunQuery(_run, _s.Position));

        Assert.Equal(row, await _s.Query(new GetRunAtQuery(_run)));
    }

    [Fact]
    public async Task GetRunAt_throws_NotFound_when_the_run_was_not_accepted_yet()
    {
        await Assert.ThrowsAsync<NotFoundException>(async () => await _s.Query(new GetRunAtQuery(_run, Position: await Seq(1) - 1)));
        await Assert.ThrowsAsync<NotFoundException>(() => _s.Query(new GetRunAtQuery(Guid.NewGuid())));
    }

    [Fact]
    public async Task GetRunAt_applies_both_bounds_when_a_version_and_a_position_are_given()
    {
        var byVersion = await _s.Query(new GetRunAtQuery(_run, StreamVersion: 1));

        var byBoth = await _s.Query(new GetRunAtQuery(_run, StreamVersion: 3, Position: await Seq(1)));

        Assert.Equal(byVersion, byBoth);
    }
}
