using Journal.Domain.Errors;
using Journal.Domain.Runs;
using Journal.Domain.Runs.UseCases;
using Journal.Domain.Sessions;
using Journal.Domain.Sessions.UseCases;
using Journal.Projections.Maintenance;
using Journal.Projections.Runtime;
using Journal.Projections.SessionDeltas;
using Journal.Projections.Sessions;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.SessionDeltas;

public sealed class SessionDeltaTests : IAsyncLifetime
{
    private readonly ReadSideScenario _s = new();

    public Task InitializeAsync() => _s.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static DateTimeOffset At(int seconds) => ReadSideScenario.Start.AddSeconds(seconds);

    [Fact]
    public async Task ListSessionDeltas_returns_exact_before_and_after_json_newest_first_when_created_renamed_and_archived()
    {
        var id = await _s.CreateSession("alice", "laptop", "cli", "k-1", "first");     // t1, v1
        await _s.Send(new RenameSessionRequest(id, "second"));                         // t2, v2
        await _s.Send(new ArchiveSessionRequest(id, "over"));                          // t3, v3
        var stream = SessionDecider.StreamFor(id);
        var (p1, p2, p3) = (await _s.SeqOf(stream, 1), await _s.SeqOf(stream, 2), await _s.SeqOf(stream, 3));

        var deltas = await _s.Query(new ListSessionDeltasQuery(id, MinPosition: _s.Position));

        string Json(string label, string state, string updated, string archived, long version, long position) =>
            $$"""{"sessionId":"{{id}}","principal":"alice","device":"laptop","channel":"cli","sessionKey":"k-1","label":"{{label}}","state":"{{state}}","createdAt":"2025-03-04T10:00:01+00:00","updatedAt":"{{updated}}","archivedAt":{{archived}},"lastRunId":null,"lastRunStatus":null,"runCount":0,"transcriptEntryCount":0,"foregroundRunId":null,"streamVersion":{{version}},"lastPosition":{{position}}}""";
        var created = Json("first", "active", "2025-03-04T10:00:01+00:00", "null", 1, p1);
        var renamed = Json("second", "active", "2025-03-04T10:00:02+00:00", "null", 2, p2);
        var archived = Json("second", "archived", "2025-03-04T10:00:03+00:00", "\"2025-03-04T10:00:03+00:00\"", 3, p3);
        Assert.Equal(
            [
                new SessionDelta(id, p3, "deleted", At(3), renamed, archived),
                new SessionDelta(id, p2, "updated", At(2), created, renamed),
                new SessionDelta(id, p1, "created", At(1), null, created),
            ],
            deltas);
    }

    [Fact]
    public async Task ListSessionDeltas_records_updates_when_a_foreground_run_is_accepted_attached_started_finished_and_detached()
    {
        var id = await _s.CreateSession();
        var run = await _s.FinishedRun(id);

        var deltas = (await _s.Query(new ListSessionDeltasQuery(id, MinPosition: _s.Position))).Reverse().ToList();

        Assert.Equal(["created", "updated", "updated", "updated", "updated", "updated"], deltas.Select(d => d.ChangeType));
        Assert.Equal(
            [
                (null, null, 0, null, 1L), (run, RunStatus.Accepted, 1, null, 1L), (run, RunStatus.Accepted, 1, run, 2L),
                (run, RunStatus.InProgress, 1, run, 2L), (run, RunStatus.Succeeded, 1, run, 2L), (run, RunStatus.Succeeded, 1, null, 3L),
            ],
            deltas.Select(d => SessionViewJson.Read(d.After)).Select(v => (v.LastRunId, v.LastRunStatus, v.RunCount, v.ForegroundRunId, v.StreamVersion)));
        Assert.Equal(deltas.SkipLast(1).Select(d => d.After), deltas.Skip(1).Select(d => d.Before));
        Assert.Contains("\"lastRunStatus\":\"Succeeded\"", deltas[^1].After, StringComparison.Ordinal);
        Assert.Equal(await _s.SeqOf(RunDecider.StreamFor(run), 3), deltas[^2].Position);
        Assert.Equal(await _s.SeqOf(SessionDecider.StreamFor(id), 3), deltas[^1].Position);
    }

    [Fact]
    public async Task ListSessionDeltas_ends_with_the_read_models_row_when_every_change_was_applied()
    {
        var id = await _s.CreateSession(label: "a");
        await _s.FinishedRun(id);
        await _s.Say(id, "hello");
        await _s.Send(new RenameSessionRequest(id, "b"));
        await _s.Send(new ArchiveSessionRequest(id));

        var latest = (await _s.Query(new ListSessionDeltasQuery(id, 1, _s.Position)))[0];
        var row = await _s.Query(new GetSessionByIdQuery(id, _s.Position));

        Assert.Equal(SessionViewJson.Write(row), latest.After);
        Assert.Equal(row, SessionViewJson.Read(latest.After));
    }

    [Fact]
    public async Task ListSessionDeltas_returns_the_newest_hundred_when_no_limit_is_given_and_fewer_when_asked()
    {
        var id = await _s.CreateSession();
        for (var i = 0; i < 104; i++)
        {
            await _s.Say(id, $"line {i}");
        }

        var byDefault = await _s.Query(new ListSessionDeltasQuery(id, MinPosition: _s.Position));
        var two = await _s.Query(new ListSessionDeltasQuery(id, 2, _s.Position));
        var all = await _s.Query(new ListSessionDeltasQuery(id, 500, _s.Position));

        Assert.Equal(100, byDefault.Count);
        Assert.Equal(105, all.Count);
        Assert.Equal(all.Take(2), two);
        Assert.Equal(all.Select(d => d.Position).OrderDescending(), all.Select(d => d.Position));
        Assert.Equal(104, SessionViewJson.Read(byDefault[0].After).TranscriptEntryCount);
    }

    [Fact]
    public async Task ListSessionDeltas_gives_each_change_the_after_of_the_one_before_it_on_every_page_size()
    {
        var id = await _s.CreateSession();
        for (var i = 0; i < 7; i++)
        {
            await _s.Say(id, $"line {i}");
        }

        var all = await _s.Query(new ListSessionDeltasQuery(id, 500, _s.Position));

        Assert.Equal(8, all.Count);
        Assert.Null(all[^1].Before);
        Assert.Equal(all.Skip(1).Select(d => d.After), all.SkipLast(1).Select(d => d.Before));
        for (var limit = 1; limit <= 8; limit++)
        {
            Assert.Equal(all.Take(limit), await _s.Query(new ListSessionDeltasQuery(id, limit, _s.Position)));
        }
    }

    [Fact]
    public async Task PruneSessionDeltas_keeps_the_view_before_of_the_oldest_change_it_keeps()
    {
        var id = await _s.CreateSession(label: "one");                 // t1
        await _s.Send(new RenameSessionRequest(id, "two"));            // t2
        await _s.Send(new RenameSessionRequest(id, "three"));          // t3
        var other = await _s.CreateSession(label: "other");            // t4
        var before = await _s.Query(new ListSessionDeltasQuery(id, 500, _s.Position));
        var otherBefore = await _s.Query(new ListSessionDeltasQuery(other, 500, _s.Position));

        var removed = ReadModelMaintenance.PruneSessionDeltas(_s.Journal.Get<ReadModelStore>(), At(3));
        var after = await _s.Query(new ListSessionDeltasQuery(id, 500, _s.Position));

        Assert.Equal(2, removed);
        Assert.Equal(before.Take(1), after);
        Assert.Equal(before[1].After, after[0].Before);
        Assert.Equal(otherBefore, await _s.Query(new ListSessionDeltasQuery(other, 500, _s.Position)));
        Assert.Equal(1, ReadModelMaintenance.PruneSessionDeltas(_s.Journal.Get<ReadModelStore>(), At(4)));
        Assert.Equal(otherBefore, await _s.Query(new ListSessionDeltasQuery(other, 500, _s.Position)));
    }

    [Fact]
    public async Task ListSessionDeltas_throws_when_the_limit_is_out_of_range_or_the_session_is_unknown()
    {
        var id = await _s.CreateSession();

        await Assert.ThrowsAsync<ValidationException>(() => _s.Query(new ListSessionDeltasQuery(id, 0, _s.Position)));
        await Assert.ThrowsAsync<ValidationException>(() => _s.Query(new ListSessionDeltasQuery(id, 501, _s.Position)));
        await Assert.ThrowsAsync<NotFoundException>(() => _s.Query(new ListSessionDeltasQuery(Guid.NewGuid(), MinPosition: _s.Position)));
    }
}
