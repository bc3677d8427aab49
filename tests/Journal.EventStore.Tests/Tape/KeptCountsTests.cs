using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Maintenance;
using Journal.EventStore.Ports;
using Journal.EventStore.Reading;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Tape;

/// <summary>
/// The counts the writer keeps beside the rows (journal_counts, journal_type_counts): what the health report and
/// the stats verb read instead of scanning, and what the maintenance check recounts and compares.
/// </summary>
public sealed class KeptCountsTests : IAsyncLifetime
{
    private static readonly StreamId Memory = StreamId.Parse("memory-1");
    private readonly StoreFixture _fixture = new();
    private SqliteEventStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = _fixture.Open();
        await _store.AppendAsync(Memory, ExpectedVersion.NoStream, Events.Many(4), EventMetadata.Empty, default);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public void ReadStats_answers_the_kept_counts_and_the_rows_after_their_position_without_scanning_the_tape()
    {
        // A count only the kept row can answer: the tape itself holds 4 events in 1 stream, none folded yet.
        _fixture.Execute("UPDATE journal_counts SET events = 1000000, streams = 6, erased_payloads = 3;");
        _fixture.Execute("INSERT INTO journal_type_counts (event_type, events) VALUES ('test.happened.v1', 1000000);");

        Assert.Equal(new TapeStats(1000004, 7, 3), _store.ReadStats());
        Assert.Equal([new EventTypeCount("test.happened.v1", 1000004)], _store.ReadTypeCounts());
    }

    [Fact]
    public async Task Writer_folds_the_rows_into_the_kept_counts_only_in_the_group_that_reaches_a_multiple_of_1024()
    {
        await _store.AppendAsync(StreamId.Parse("bulk-1"), ExpectedVersion.NoStream, Events.Many(1019), EventMetadata.Empty, default);

        Assert.Equal((0, 0, 0), KeptRow());
        Assert.Equal(new TapeStats(1023, 2, 0), _store.ReadStats());

        await _store.AppendAsync(StreamId.Parse("last-1"), ExpectedVersion.NoStream, [Events.Noted("a"), Events.Noted("b")], EventMetadata.Empty, default);

        Assert.Equal((1025, 3, 1025), KeptRow());
        Assert.Equal([("test.happened.v1", 1023L), ("test.noted.v1", 2L)], KeptTypes());
        Assert.Equal(new TapeStats(1025, 3, 0), _store.ReadStats());
        Assert.Equal([new EventTypeCount("test.happened.v1", 1023), new EventTypeCount("test.noted.v1", 2)], _store.ReadTypeCounts());
    }

    [Fact]
    public async Task Counts_read_match_a_recount_across_many_folds_with_erasures_before_and_after_the_last_one()
    {
        var random = new Random(21);
        for (var i = 0; i < 12; i++)
        {
            var size = random.Next(1, 700);
            var events = Enumerable.Range(0, size).Select(n => n % 3 == 0 ? Events.Noted($"n{n}") : Events.Many(1)[0]).ToList();
            await _store.AppendAsync(StreamId.Parse($"group-{i}"), ExpectedVersion.NoStream, events, EventMetadata.Empty, default);
        }

        var head = _store.ReadStats().Events;
        var (_, _, through) = KeptRow();
        Assert.True(through > 1024 && through < head, $"folded through {through} of {head}: the test needs rows on both sides");
        await _store.ErasePayloadsAsync([2, through + 1], "forget", EventMetadata.Empty, default);

        var check = Assert.Single(((ITapeInspection)_store).RunMaintenance(), s => s.Name == CountsCheck.Name);
        Assert.True(check.Ok, check.Detail);
        var stats = _store.ReadStats();
        Assert.Equal(2, stats.ErasedPayloads);
        Assert.True(stats.Streams >= 13, $"{stats.Streams} streams");
        Assert.Equal(stats.Events, _store.ReadTypeCounts().Sum(c => c.Events));
    }

    [Fact]
    public void Every_statement_that_reads_the_rows_after_the_fold_reads_them_by_position_never_through_an_index()
    {
        // The (event_type, seq) index would answer the GROUP BY by walking every entry: a scan of the whole tape
        // on every read of the counts and every fold. Asked of SQLite's planner, as it will run them.
        var statements = new[] { Sql.TapeSql.SelectStats, Sql.TapeSql.SelectTypeCounts }
            .Concat(Sql.TapeSql.FoldCounts.Split(";\n\n", StringSplitOptions.RemoveEmptyEntries));
        using var connection = _fixture.RawConnection();
        foreach (var statement in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + StripComments(statement);
            command.Parameters.AddWithValue("$through", 1024);
            using var reader = command.ExecuteReader();
            var steps = new List<string>();
            while (reader.Read())
            {
                steps.Add(reader.GetString(3));
            }

            var reads = steps.Where(step => step.Contains("journal_events", StringComparison.Ordinal) || step.StartsWith("SEARCH e ", StringComparison.Ordinal) || step.StartsWith("SCAN e", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(reads);
            Assert.All(reads, step => Assert.Contains("USING INTEGER PRIMARY KEY (rowid>", step, StringComparison.Ordinal));
        }
    }

    private static string StripComments(string sql) =>
        string.Join('\n', sql.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));

    private (long Events, long Streams, long Through) KeptRow()
    {
        using var connection = _fixture.RawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT events, streams, counted_through FROM journal_counts WHERE id = 1;";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private List<(string, long)> KeptTypes()
    {
        using var connection = _fixture.RawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT event_type, events FROM journal_type_counts ORDER BY event_type;";
        using var reader = command.ExecuteReader();
        var types = new List<(string, long)>();
        while (reader.Read())
        {
            types.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return types;
    }

    [Fact]
    public void RunMaintenance_reports_a_tampered_count_and_does_not_repair_it()
    {
        _fixture.Execute("UPDATE journal_counts SET streams = streams + 1;");
        _fixture.Execute("INSERT INTO journal_type_counts (event_type, events) VALUES ('test.ghost.v1', 2);");

        var check = Assert.Single(((ITapeInspection)_store).RunMaintenance(), s => s.Name == CountsCheck.Name);

        Assert.False(check.Ok);
        Assert.Contains("streams kept 2, counted 1", check.Detail, StringComparison.Ordinal);
        Assert.Contains("type test.ghost.v1 kept 2, counted 0", check.Detail, StringComparison.Ordinal);
        Assert.Equal(new TapeStats(4, 2, 0), _store.ReadStats());
    }

    [Fact]
    public async Task Writer_counts_only_what_a_group_committed_when_a_request_in_it_fails()
    {
        Task<AppendResult> before;
        Task<ErasureResult> erasure;
        Task<AppendResult> refused;
        Task<AppendResult> duplicate;
        Task<AppendResult> after;
        var noted = Events.Noted("before");
        using (await _store.HoldWriterAsync(default))
        {
            before = _store.AppendAsync(StreamId.Parse("other-1"), ExpectedVersion.NoStream, [noted], EventMetadata.Empty, default);

            // Seq 2 is erased first, then seq 99 is missing: the erasure is undone to its savepoint.
            erasure = _store.ErasePayloadsAsync([2, 99], "forget me", EventMetadata.Empty, default);
            refused = _store.AppendAsync(Memory, ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default);
            duplicate = _store.AppendAsync(StreamId.Parse("other-1"), ExpectedVersion.NoStream, [noted], EventMetadata.Empty, default);
            after = _store.AppendAsync(Memory, ExpectedVersion.Exact(4), Events.Many(2), EventMetadata.Empty, default);
        }

        await Assert.ThrowsAsync<NotFoundException>(() => erasure);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => refused);
        await Task.WhenAll(before, after);
        Assert.True((await duplicate).Duplicate);

        var check = Assert.Single(((ITapeInspection)_store).RunMaintenance(), s => s.Name == CountsCheck.Name);
        Assert.Equal(new TapeStats(7, 2, 0), _store.ReadStats());
        Assert.Equal([new EventTypeCount("test.happened.v1", 6), new EventTypeCount("test.noted.v1", 1)], _store.ReadTypeCounts());
        Assert.True(check.Ok, check.Detail);
    }

    [Fact]
    public async Task Writer_keeps_no_count_of_a_group_that_failed_to_commit()
    {
        await _store.CapGrowthAsync(capped: true, default);
        await Assert.ThrowsAnyAsync<JournalException>(() => _store.AppendAsync(StreamId.Parse("big-1"), ExpectedVersion.NoStream, Events.Many(400), EventMetadata.Empty, default));
        await _store.CapGrowthAsync(capped: false, default);

        var check = Assert.Single(((ITapeInspection)_store).RunMaintenance(), s => s.Name == CountsCheck.Name);
        Assert.Equal(new TapeStats(4, 1, 0), _store.ReadStats());
        Assert.True(check.Ok, check.Detail);
    }

    [Fact]
    public async Task Open_fills_the_counts_of_a_version_1_tape_from_its_rows()
    {
        await using var fixture = new StoreFixture();
        Directory.CreateDirectory(Path.GetDirectoryName(fixture.DatabasePath)!);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "tape-v1.db"), fixture.DatabasePath);

        var store = fixture.Open();
        await store.AppendAsync(StreamId.Parse("fixture-9"), ExpectedVersion.NoStream, Events.Many(2), EventMetadata.Empty, default);

        var check = Assert.Single(((ITapeInspection)store).RunMaintenance(), s => s.Name == CountsCheck.Name);
        Assert.True(check.Ok, check.Detail);
        Assert.Equal(25, ScalarOf(fixture, "SELECT counted_through FROM journal_counts;"));
        Assert.Equal(27, store.ReadStats().Events);
        Assert.Equal(27, store.ReadTypeCounts().Sum(c => c.Events));
    }

    private static long ScalarOf(StoreFixture fixture, string sql)
    {
        using var connection = fixture.RawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
