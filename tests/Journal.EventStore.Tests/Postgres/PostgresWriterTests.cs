using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Tests.Support;
using Journal.Testing.Postgres;
using Npgsql;

namespace Journal.EventStore.Tests.Postgres;

/// <summary>The PostgreSQL writer: one chain, gapless, whatever the number of callers and instances.</summary>
public sealed class PostgresWriterTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task AppendAsync_from_16_callers_commits_a_gapless_linked_chain()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("w" + Guid.NewGuid().ToString("N"));
        await using var store = PostgresTapes.Open(cs);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(caller => Task.Run(async () =>
        {
            var positions = new List<long>();
            for (var i = 0; i < 25; i++)
            {
                var result = await store.AppendAsync(StreamId.Parse($"caller-{caller}"), ExpectedVersion.Exact(i), [Events.Happened($"{caller}/{i}")], EventMetadata.Empty, default);
                positions.Add(result.Position);
            }

            return positions;
        })));

        var acknowledged = results.SelectMany(p => p).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), acknowledged);
        await AssertChainAsync(cs, 400);
        Assert.True(store.GroupCommits < 400, $"the 400 appends were committed in {store.GroupCommits} groups: no group commit");
    }

    [Fact]
    public async Task AppendAsync_from_two_instances_keeps_one_chain_and_loses_nothing()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("w" + Guid.NewGuid().ToString("N"));
        await using var a = PostgresTapes.Open(cs);
        await using var b = PostgresTapes.Open(cs);

        var ids = await Task.WhenAll(Enumerable.Range(0, 16).Select(caller => Task.Run(async () =>
        {
            var store = caller % 2 == 0 ? a : b;
            var acknowledged = new List<(Guid Id, long Seq)>();
            for (var i = 0; i < 20; i++)
            {
                var data = Events.Happened($"{caller}/{i}");
                var result = await store.AppendAsync(StreamId.Parse($"caller-{caller}"), ExpectedVersion.Any, [data], EventMetadata.Empty, default);
                acknowledged.Add((data.EventId, result.Position));
            }

            return acknowledged;
        })));

        await AssertChainAsync(cs, 320);
        var stored = await ReadAsync(cs, "SELECT event_id, seq FROM journal_events", r => (new Guid((byte[])r.GetValue(0), bigEndian: true), r.GetInt64(1)));
        Assert.Equal(ids.SelectMany(x => x).OrderBy(x => x.Seq), stored.OrderBy(x => x.Item2));
    }

    [Fact]
    public async Task AppendAsync_refuses_a_stale_expected_version_written_by_the_other_instance()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("w" + Guid.NewGuid().ToString("N"));
        await using var a = PostgresTapes.Open(cs);
        await using var b = PostgresTapes.Open(cs);
        var stream = StreamId.Parse("shared-1");
        await a.AppendAsync(stream, ExpectedVersion.NoStream, [Events.Happened("a1")], EventMetadata.Empty, default);

        // B has never seen the stream, yet it must see A's commit before it checks the expected version.
        await b.AppendAsync(stream, ExpectedVersion.Exact(1), [Events.Happened("b2")], EventMetadata.Empty, default);
        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => a.AppendAsync(stream, ExpectedVersion.Exact(1), [Events.Happened("a2")], EventMetadata.Empty, default));

        Assert.Contains("2", error.Message, StringComparison.Ordinal);
        await AssertChainAsync(cs, 2);
    }

    [Fact]
    public async Task AppendAsync_of_an_event_the_other_instance_wrote_is_a_duplicate_not_a_second_row()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("w" + Guid.NewGuid().ToString("N"));
        await using var a = PostgresTapes.Open(cs);
        await using var b = PostgresTapes.Open(cs);
        var data = Events.Happened("once");
        var first = await a.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, [data], EventMetadata.Empty, default);

        var retry = await b.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, [data], EventMetadata.Empty, default);

        Assert.True(retry.Duplicate);
        Assert.Equal(first.Position, retry.Position);
        await AssertChainAsync(cs, 1);
    }

    [Fact]
    public async Task Committed_on_one_instance_reports_the_other_instance_commits()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("w" + Guid.NewGuid().ToString("N"));
        await using var a = PostgresTapes.Open(cs);
        await using var b = PostgresTapes.Open(cs, pollMs: 600_000);
        var heard = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = b.Committed.Subscribe(seq =>
        {
            if (seq >= 3)
            {
                heard.TrySetResult(seq);
            }
        });

        await a.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, Events.Many(3), EventMetadata.Empty, default);

        // The poll is ten minutes away: only the notification can bring the head within the test's time.
        Assert.Equal(3, await heard.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Positions 1..count, each row's prev_hash the hash of the row before (genesis for the first).</summary>
    private static async Task AssertChainAsync(string connectionString, int count)
    {
        var rows = await ReadAsync(connectionString, "SELECT seq, prev_hash, hash FROM journal_events ORDER BY seq", r => (r.GetInt64(0), (byte[])r.GetValue(1), (byte[])r.GetValue(2)));
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), rows.Select(r => r.Item1));
        var previous = Journal.EventStore.Chain.ChainHash.Genesis.ToArray();
        foreach (var (seq, prevHash, hash) in rows)
        {
            Assert.True(previous.AsSpan().SequenceEqual(prevHash), $"row {seq} does not chain to its predecessor");
            previous = hash;
        }
    }

    private static async Task<List<T>> ReadAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> map)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
