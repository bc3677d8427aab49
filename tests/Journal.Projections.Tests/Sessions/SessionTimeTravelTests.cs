using Journal.Domain.Errors;
using Journal.Domain.Sessions;
using Journal.Domain.Sessions.UseCases;
using Journal.Projections.Sessions;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.Sessions;

public sealed class SessionTimeTravelTests : IAsyncLifetime
{
    private readonly ReadSideScenario _s = new();
    private Guid _id;
    private Guid _bob;

    public async Task InitializeAsync()
    {
        await _s.StartAsync();
        _id = await _s.CreateSession("alice", "laptop", "cli", "k-7", "a");   // t1, v1
        _bob = await _s.CreateSession("bob");                                 // t2, another stream in between
        await _s.Send(new RenameSessionRequest(_id, "b"));                    // t3, v2
        await _s.Send(new RenameSessionRequest(_id, "c"));                    // t4, v3
        await _s.Send(new ArchiveSessionRequest(_id, "over"));                // t5, v4
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static DateTimeOffset At(int seconds) => ReadSideScenario.Start.AddSeconds(seconds);

    private Task<long> Seq(long version) => _s.SeqOf(SessionDecider.StreamFor(_id), version);

    private async Task<SessionView> Expected(long version) => version switch
    {
        1 => new SessionView(_id, "alice", "laptop", "cli", "k-7", "a", "active", At(1), At(1), null, null, null, 0, 0, null, 1, await Seq(1)),
        2 => await Expected(1) with { Label = "b", UpdatedAt = At(3), StreamVersion = 2, LastPosition = await Seq(2) },
        3 => await Expected(2) with { Label = "c", UpdatedAt = At(4), StreamVersion = 3, LastPosition = await Seq(3) },
        _ => await Expected(3) with { State = "archived", ArchivedAt = At(5), UpdatedAt = At(5), StreamVersion = 4, LastPosition = await Seq(4) },
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task GetSessionAt_returns_the_state_after_each_stream_version_when_asked_by_version(long version)
    {
        var view = await _s.Query(new GetSessionAtQuery(_id, StreamVersion: version));

        Assert.Equal(await Expected(version), view);
    }

    [Fact]
    public async Task GetSessionAt_returns_the_state_at_a_tape_position_when_it_falls_on_or_between_the_streams_events()
    {
        var atFirst = await _s.Query(new GetSessionAtQuery(_id, Position: await Seq(1)));
        var betweenFirstAndSecond = await _s.Query(new GetSessionAtQuery(_id, Position: await Seq(2) - 1));
        var atThird = await _s.Query(new GetSessionAtQuery(_id, Position: await Seq(3)));
        var beforeFourth = await _s.Query(new GetSessionAtQuery(_id, Position: await Seq(4) - 1));
        var farAhead = await _s.Query(new GetSessionAtQuery(_id, Position: 1_000_000));

        Assert.Equal(await Expected(1), atFirst);
        Assert.Equal(await Expected(1), betweenFirstAndSecond);
        Assert.Equal(await Expected(3), atThird);
        Assert.Equal(await Expected(3), beforeFourth);
        Assert.Equal(await Expected(4), farAhead);
    }

    [Fact]
    public async Task GetSessionAt_equals_the_projected_row_when_only_the_sessions_own_stream_changed_it()
    {
        var now = await _s.Query(new GetSessionAtQuery(_id));
        var beyond = await _s.Query(new GetSessionAtQuery(_id, StreamVersion: 99));
        var row = await _s.Query(new GetSessionByIdQuery(_id, _s.Position));

        Assert.Equal(row, now);
        Assert.Equal(row, beyond);
    }

    [Fact]
    public async Task GetSessionAt_leaves_run_and_transcript_fields_out_when_they_come_from_other_streams()
    {
        var other = await _s.CreateSession(label: "busy");
        await _s.FinishedRun(other);
        await _s.Say(other, "hi");

        var travelled = await _s.Query(new GetSessionAtQuery(other));
        var row = await _s.Query(new GetSessionByIdQuery(other, _s.Position));

        // The foreground run's attach and detach are the session stream's own events (v2, v3): time travel
        // folds them, so its version, updatedAt and lastPosition are the detach's, as in the row.
        Assert.Equal((1, 1L, 3L), (row.RunCount, row.TranscriptEntryCount, row.StreamVersion));
        Assert.Equal(
            row with { LastRunId = null, LastRunStatus = null, RunCount = 0, TranscriptEntryCount = 0, UpdatedAt = At(9), LastPosition = await _s.SeqOf(SessionDecider.StreamFor(other), 3) },
            travelled);
    }

    [Fact]
    public async Task GetSessionAt_throws_NotFound_when_the_session_did_not_exist_yet_or_never()
    {
        var bobCreated = await _s.SeqOf(SessionDecider.StreamFor(_bob), 1);

        await Assert.ThrowsAsync<NotFoundException>(() => _s.Query(new GetSessionAtQuery(_bob, Position: bobCreated - 1)));
        await Assert.ThrowsAsync<NotFoundException>(() => _s.Query(new GetSessionAtQuery(Guid.NewGuid())));
    }

    [Theory]
    [InlineData(-3L, null)]
    [InlineData(null, -1L)]
    public async Task GetSessionAt_throws_ValidationException_when_a_bound_is_negative(long? version, long? position)
    {
        await Assert.ThrowsAsync<ValidationException>(() => _s.Query(new GetSessionAtQuery(_id, version, position)));
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(null, 0L)]
    public async Task GetSessionAt_throws_NotFound_before_the_first_event(long? version, long? position)
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _s.Query(new GetSessionAtQuery(_id, version, position)));
    }
}
