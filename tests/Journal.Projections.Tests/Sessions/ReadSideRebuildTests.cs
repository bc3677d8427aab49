using System.Text.Json;
using Journal.Domain.Runs;
using Journal.Domain.Runs.UseCases;
using Journal.Domain.Sessions.UseCases;
using Journal.Domain.Transcript;
using Journal.Projections.Querying;
using Journal.Projections.Runs;
using Journal.Projections.SessionDeltas;
using Journal.Projections.Sessions;
using Journal.Projections.Tests.Support;
using Journal.Projections.Transcript;

namespace Journal.Projections.Tests.Sessions;

public sealed class ReadSideRebuildTests : IAsyncLifetime
{
    private readonly ReadSideScenario _s = new();

    public Task InitializeAsync() => _s.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task RebuildAsync_gives_identical_listings_of_every_read_model_when_replaying_the_whole_tape()
    {
        var sessions = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var id = await _s.CreateSession(i % 2 == 0 ? "alice" : "bob", channel: i % 3 == 0 ? "web" : "cli", key: $"key-{i}", label: i % 2 == 0 ? "even" : null);
            sessions.Add(id);
            await _s.FinishedRun(id);
            var background = await _s.AcceptRun(id, RunKind.Background);
            await _s.Send(new RecordRunTokenUsageRequest(background, i, 2 * i));
            await _s.Say(id, $"hello {i}");
            await _s.Say(id, "grep", TranscriptEntryKind.ToolCall, background, "shell");
            if (i % 3 == 1)
            {
                await _s.Send(new RenameSessionRequest(id, $"renamed {i}"));
                await _s.Send(new ArchiveSessionRequest(id));
            }
        }

        var live = await Snapshot(sessions);
        var rebuilt = await _s.Journal.Daemon.RebuildAsync(null, null, default);
        var replayed = await Snapshot(sessions);

        Assert.Equal(2, rebuilt.Generation);
        Assert.Equal(_s.Position, rebuilt.Events);
        Assert.Contains("\"RunCount\":2", live, StringComparison.Ordinal);
        Assert.Equal(live, replayed);
    }

    /// <summary>Every listing of every read model, in full, as one JSON text.</summary>
    private async Task<string> Snapshot(IReadOnlyList<Guid> sessions)
    {
        var at = _s.Position;
        var all = await Drain(cursor => _s.Query(new ListSessionsQuery(Cursor: cursor, Limit: 4, MinPosition: at)));
        var perSession = new List<object>();
        foreach (var id in sessions)
        {
            perSession.Add(new
            {
                Session = await _s.Query(new GetSessionByIdQuery(id, at)),
                Runs = await Drain(cursor => _s.Query(new ListRunsOfSessionQuery(id, cursor, 1, at))),
                Transcript = await Drain(cursor => _s.Query(new ListTranscriptQuery(id, Limit: 1, Cursor: cursor, MinPosition: at))),
                Deltas = await _s.Query(new ListSessionDeltasQuery(id, 500, at)),
            });
        }

        var runs = new List<RunView>();
        foreach (var id in sessions)
        {
            foreach (var run in await Drain(cursor => _s.Query(new ListRunsOfSessionQuery(id, cursor, 50, at))))
            {
                runs.Add(await _s.Query(new GetRunQuery(run.RunId, at)));
            }
        }

        var byLabel = await _s.Query(new GetSessionByLabelQuery("even", MinPosition: at));
        var byKey = await _s.Query(new GetSessionByKeyQuery("key-0", at));
        return JsonSerializer.Serialize(new { all, perSession, runs, byLabel, byKey });
    }

    private static async Task<List<T>> Drain<T>(Func<string?, Task<Page<T>>> page)
    {
        var items = new List<T>();
        string? cursor = null;
        do
        {
            var next = await page(cursor);
            items.AddRange(next.Items);
            cursor = next.NextCursor;
        }
        while (cursor is not null);

        return items;
    }
}
