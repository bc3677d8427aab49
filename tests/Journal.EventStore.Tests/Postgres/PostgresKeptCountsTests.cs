using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Maintenance;
using Journal.EventStore.Ports;
using Journal.EventStore.Postgres;
using Journal.EventStore.Reading;
using Journal.EventStore.Tests.Support;
using Journal.Testing.Postgres;
using Npgsql;

namespace Journal.EventStore.Tests.Postgres;

/// <summary>
/// The counts the PostgreSQL writer keeps in its commit batch (journal_counts, journal_type_counts): read by the
/// health report and the stats verb instead of a scan, filled from the rows of a tape made before them, and
/// recounted and compared by the maintenance check.
/// </summary>
public sealed class PostgresKeptCountsTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private static readonly StreamId Memory = StreamId.Parse("memory-1");

    [Fact]
    public async Task ReadStats_answers_the_kept_counts_without_scanning_the_tape()
    {
        var cs = await CreateAsync();
        await using var store = PostgresTapes.Open(cs);
        await store.AppendAsync(Memory, ExpectedVersion.NoStream, Events.Many(4), EventMetadata.Empty, default);

        // A count only the kept row can answer: the tape itself still holds 4 events in 1 stream.
        await ExecuteAsync(cs, "UPDATE journal_counts SET events = 1000004, streams = 7, erased_payloads = 3");

        Assert.Equal(new TapeStats(1000004, 7, 3), store.ReadStats());
        Assert.Equal([new EventTypeCount("test.happened.v1", 4)], store.ReadTypeCounts());
    }

    [Fact]
    public async Task RunMaintenance_reports_a_tampered_count_and_does_not_repair_it()
    {
        var cs = await CreateAsync();
        await using var store = PostgresTapes.Open(cs);
        await store.AppendAsync(Memory, ExpectedVersion.NoStream, Events.Many(4), EventMetadata.Empty, default);
        await ExecuteAsync(cs, "UPDATE journal_counts SET erased_payloads = erased_payloads + 2; UPDATE journal_type_counts SET events = 3");

        var check = Assert.Single(((ITapeInspection)store).RunMaintenance(), s => s.Name == CountsCheck.Name);

        Assert.False(check.Ok);
        Assert.Contains("erased payloads kept 2, counted 0", check.Detail, StringComparison.Ordinal);
        Assert.Contains("type test.happened.v1 kept 3, counted 4", check.Detail, StringComparison.Ordinal);
        Assert.Equal(new TapeStats(4, 1, 2), store.ReadStats());
    }

    [Fact]
    public async Task Writer_counts_only_what_a_group_committed_when_a_request_in_it_fails()
    {
        var cs = await CreateAsync();
        await using var store = PostgresTapes.Open(cs);
        await store.AppendAsync(Memory, ExpectedVersion.NoStream, Events.Many(4), EventMetadata.Empty, default);
        var noted = Events.Noted("before");
        Task<AppendResult> before;
        Task<ErasureResult> erasure;
        Task<AppendResult> refused;
        Task<AppendResult> duplicate;
        Task<AppendResult> after;
        using (await store.HoldWriterAsync(default))
        {
            before = store.AppendAsync(StreamId.Parse("other-1"), ExpectedVersion.NoStream, [noted], EventMetadata.Empty, default);

            // Seq 2 is erased first, then seq 99 is missing: the erasure is undone to its savepoint.
            erasure = store.ErasePayloadsAsync([2, 99], "forget me", EventMetadata.Empty, default);
            refused = store.AppendAsync(Memory, ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default);
            duplicate = store.AppendAsync(StreamId.Parse("other-1"), ExpectedVersion.NoStream, [noted], EventMetadata.Empty, default);
            after = store.AppendAsync(Memory, ExpectedVersion.Exact(4), Events.Many(2), EventMetadata.Empty, default);
        }

        await Assert.ThrowsAsync<NotFoundException>(() => erasure);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => refused);
        await Task.WhenAll(before, after);
        Assert.True((await duplicate).Duplicate);

        var check = Assert.Single(((ITapeInspection)store).RunMaintenance(), s => s.Name == CountsCheck.Name);
        Assert.Equal(new TapeStats(7, 2, 0), store.ReadStats());
        Assert.Equal([new EventTypeCount("test.happened.v1", 6), new EventTypeCount("test.noted.v1", 1)], store.ReadTypeCounts());
        Assert.True(check.Ok, check.Detail);
    }

    [Fact]
    public async Task Writers_of_two_instances_keep_one_set_of_counts()
    {
        var cs = await CreateAsync();
        await using var a = PostgresTapes.Open(cs);
        await using var b = PostgresTapes.Open(cs);

        await Task.WhenAll(new[] { a, b }.SelectMany((store, s) => Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var stream = StreamId.Parse($"i{s}-{i}");
            for (var v = 0; v < 5; v++)
            {
                await store.AppendAsync(stream, ExpectedVersion.Exact(v), [v % 2 == 0 ? Events.Happened($"{v}") : Events.Noted($"{v}")], EventMetadata.Empty, default);
            }
        }))));

        var check = Assert.Single(((ITapeInspection)a).RunMaintenance(), s => s.Name == CountsCheck.Name);
        Assert.Equal(new TapeStats(80, 16, 0), b.ReadStats());
        Assert.Equal([new EventTypeCount("test.happened.v1", 48), new EventTypeCount("test.noted.v1", 32)], a.ReadTypeCounts());
        Assert.True(check.Ok, check.Detail);
    }

    [Fact]
    public async Task Open_fills_the_counts_of_a_version_1_tape_from_its_rows()
    {
        var cs = await CreateAsync();
        await using (var old = PostgresTapes.Open(cs))
        {
            await old.AppendAsync(Memory, ExpectedVersion.NoStream, Events.Many(3), EventMetadata.Empty, default);
            await old.AppendAsync(StreamId.Parse("other-1"), ExpectedVersion.NoStream, [Events.Noted("n")], EventMetadata.Empty, default);
            await old.ErasePayloadsAsync([2], "forget", EventMetadata.Empty, default);
        }

        // The same database as schema version 1 had it: no counts tables, migration 2 not recorded.
        await ExecuteAsync(cs, "DROP TABLE journal_counts; DROP TABLE journal_type_counts; DELETE FROM schema_migrations WHERE version = 2");

        await using var store = PostgresTapes.Open(cs);
        await store.AppendAsync(StreamId.Parse("other-2"), ExpectedVersion.NoStream, [Events.Noted("m")], EventMetadata.Empty, default);

        var check = Assert.Single(((ITapeInspection)store).RunMaintenance(), s => s.Name == CountsCheck.Name);
        Assert.Equal(PostgresMigrator.Tape.LatestVersion, ((ITapeInspection)store).SchemaVersion);
        Assert.Equal(new TapeStats(6, 4, 1), store.ReadStats());
        Assert.Equal([new EventTypeCount("journal.payloads_erased.v1", 1), new EventTypeCount("test.happened.v1", 3), new EventTypeCount("test.noted.v1", 2)], store.ReadTypeCounts());
        Assert.True(check.Ok, check.Detail);
    }

    private Task<string> CreateAsync() => fixture.Server.CreateDatabaseAsync("k" + Guid.NewGuid().ToString("N"));

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
