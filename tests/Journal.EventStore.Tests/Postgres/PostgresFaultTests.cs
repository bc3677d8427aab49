using Journal.Domain.Tape;
using Journal.EventStore.Storage;
using Journal.EventStore.Tests.Support;
using Journal.Testing.Postgres;
using Npgsql;

namespace Journal.EventStore.Tests.Postgres;

/// <summary>The PostgreSQL tape through outages: a server of its own, stopped and started by the tests.</summary>
public sealed class PostgresFaultTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task AppendAsync_while_the_server_is_down_fails_as_unavailable_and_works_again_once_it_is_back()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("f" + Guid.NewGuid().ToString("N"));
        await using var store = PostgresTapes.Open(cs);
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.NoStream, [Events.Happened("before")], EventMetadata.Empty, default);

        await fixture.Server.StopAsync();
        StorageException down;
        try
        {
            down = await Assert.ThrowsAsync<StorageException>(() => store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Exact(1), [Events.Happened("during")], EventMetadata.Empty, default));
        }
        finally
        {
            await fixture.Server.StartAgainAsync();
        }

        // The first append after the restart needs no retry from its caller: the writer reconnects by itself.
        var after = await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Exact(1), [Events.Happened("after")], EventMetadata.Empty, default);

        Assert.Equal(StorageException.Unavailable, down.Code);
        Assert.Equal((2L, 2L), (after.Position, after.StreamVersion));
    }

    [Fact]
    public async Task AppendAsync_after_a_restart_between_two_appends_needs_no_retry_from_its_caller()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("f" + Guid.NewGuid().ToString("N"));
        await using var store = PostgresTapes.Open(cs);
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.NoStream, [Events.Happened("before")], EventMetadata.Empty, default);

        // The writer's idle connection dies with the server; nothing tells it until it is used.
        await fixture.Server.StopAsync();
        await fixture.Server.StartAgainAsync();
        var after = await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Exact(1), [Events.Happened("after")], EventMetadata.Empty, default);

        Assert.Equal((2L, 2L), (after.Position, after.StreamVersion));
    }

    [Fact]
    public async Task AppendAsync_under_connections_cut_mid_commit_keeps_every_acknowledged_event_and_an_intact_chain()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("f" + Guid.NewGuid().ToString("N"));
        await using var store = PostgresTapes.Open(cs);
        using var stop = new CancellationTokenSource();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(Guid Id, long Seq)>();
        var failed = 0;
        var callers = Enumerable.Range(0, 8).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                var data = Events.Happened($"{caller}/{i}");
                try
                {
                    var result = await store.AppendAsync(StreamId.Parse($"caller-{caller}"), ExpectedVersion.Any, [data], EventMetadata.Empty, default);
                    acknowledged.Add((data.EventId, result.Position));
                }
                catch (StorageException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();

        // Cut the journal's connections (the writer's among them) again and again while the callers append.
        var cuts = 0;
        await using (var admin = new NpgsqlConnection(fixture.Server.ConnectionString()))
        {
            await admin.OpenAsync();
            while (!callers.All(c => c.IsCompleted))
            {
                await using var cut = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'journal'", admin);
                cuts += (int)(long)(await cut.ExecuteScalarAsync())!;
                await Task.WhenAny(Task.WhenAll(callers), Task.Delay(20));
            }
        }

        await Task.WhenAll(callers);
        var stored = await ReadAsync(cs);
        Assert.True(cuts > 0, "no connection was cut: the test proved nothing");
        Assert.Equal(480, acknowledged.Count + failed);
        foreach (var (id, seq) in acknowledged)
        {
            Assert.True(stored.TryGetValue(seq, out var at) && at == id, $"acknowledged event {id} at {seq} is not on the tape");
        }
    }

    /// <summary>Every row by position, checking on the way that positions are gapless and each row chains to the one before.</summary>
    private static async Task<Dictionary<long, Guid>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT seq, event_id, prev_hash, hash FROM journal_events ORDER BY seq", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<long, Guid>();
        var previous = Journal.EventStore.Chain.ChainHash.Genesis.ToArray();
        while (await reader.ReadAsync())
        {
            var seq = reader.GetInt64(0);
            Assert.Equal(rows.Count + 1, seq);
            Assert.True(previous.AsSpan().SequenceEqual((byte[])reader.GetValue(2)), $"row {seq} does not chain to its predecessor");
            rows[seq] = new Guid((byte[])reader.GetValue(1), bigEndian: true);
            previous = (byte[])reader.GetValue(3);
        }

        return rows;
    }
}
