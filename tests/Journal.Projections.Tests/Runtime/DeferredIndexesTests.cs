using Journal.Domain.Runs;
using Journal.Domain.Sessions.UseCases;
using Journal.Projections.Runtime;
using Journal.Projections.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Tests.Runtime;

public sealed class DeferredIndexesTests : IAsyncLifetime
{
    private readonly ReadSideScenario _s = new();

    public Task InitializeAsync() => _s.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task RebuildAsync_replays_without_the_ordinary_indexes_and_switches_to_a_file_with_every_index_of_a_live_build()
    {
        for (var i = 0; i < 3; i++)
        {
            var id = await _s.CreateSession(label: $"s{i}", key: $"k{i}");
            await _s.FinishedRun(id);
            await _s.AcceptRun(id, RunKind.Background);
            await _s.Say(id, $"hello {i}");
            await _s.Send(new RenameSessionRequest(id, $"renamed {i}"));
        }

        var store = _s.Journal.Get<ReadModelStore>();
        await _s.Journal.Daemon.CatchUpAsync(default);
        var live = Indexes(store.CurrentPath);
        var seenDuringReplay = new List<IReadOnlyList<(string Name, string Sql)>>();

        await _s.Journal.Daemon.RebuildAsync(null, new SyncProgress(_ => seenDuringReplay.Add(Indexes(store.PathOf(2)))), default);
        var rebuilt = Indexes(store.CurrentPath);

        Assert.Equal(2, store.Generation);
        Assert.Equal(live, rebuilt);
        Assert.Contains(live, i => i.Name == "session_deltas_v4_deltas_by_session");
        Assert.Contains(live, i => i.Sql.StartsWith("CREATE UNIQUE INDEX", StringComparison.OrdinalIgnoreCase));
        Assert.True(seenDuringReplay.Count >= 2);
        var uniqueOnly = live.Where(i => i.Sql.StartsWith("CREATE UNIQUE INDEX", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.All(seenDuringReplay.SkipLast(1), seen => Assert.Equal(uniqueOnly, seen));
        Assert.Equal(live, seenDuringReplay[^1]);
    }

    [Fact]
    public async Task RebuildAsync_of_one_projection_defers_only_that_projections_indexes()
    {
        var id = await _s.CreateSession(label: "a");
        await _s.FinishedRun(id);
        var store = _s.Journal.Get<ReadModelStore>();
        await _s.Journal.Daemon.CatchUpAsync(default);
        var live = Indexes(store.CurrentPath);
        var seenDuringReplay = new List<IReadOnlyList<(string Name, string Sql)>>();

        await _s.Journal.Daemon.RebuildAsync("sessions.v2", new SyncProgress(_ => seenDuringReplay.Add(Indexes(store.PathOf(2)))), default);

        Assert.Equal(live, Indexes(store.CurrentPath));
        var during = seenDuringReplay[0];
        Assert.DoesNotContain(during, i => i.Name.StartsWith("sessions_v2_", StringComparison.Ordinal));
        Assert.Equal(live.Where(i => !i.Name.StartsWith("sessions_v2_", StringComparison.Ordinal)), during);
    }

    /// <summary>Every index with a statement (not SQLite's automatic ones) of a read-model file, by name.</summary>
    private static List<(string Name, string Sql)> Indexes(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name";
        using var reader = command.ExecuteReader();
        var indexes = new List<(string, string)>();
        while (reader.Read())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    private sealed class SyncProgress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
