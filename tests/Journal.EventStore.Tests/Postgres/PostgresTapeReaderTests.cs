using System.Globalization;
using Journal.Domain.Tape;
using Journal.EventStore.Postgres.Reading;
using Journal.EventStore.Tests.Support;
using Journal.Testing.Postgres;

namespace Journal.EventStore.Tests.Postgres;

/// <summary>The PostgreSQL reader answers what the SQLite reader answers over the same rows.</summary>
public sealed class PostgresTapeReaderTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    [Theory]
    [InlineData("order-1", 1, ReadDirection.Forward, 2)]
    [InlineData("order-1", 3, ReadDirection.Forward, 10)]
    [InlineData("order-1", 0, ReadDirection.Forward, 4)]
    [InlineData("order-1", 3, ReadDirection.Forward, 2)]
    [InlineData("order-1", 99, ReadDirection.Backward, 2)]
    [InlineData("order-1", 2, ReadDirection.Backward, 5)]
    [InlineData("order-1", 2, ReadDirection.Backward, 2)]
    [InlineData("order-1", 1, ReadDirection.Backward, 1)]
    [InlineData("order-1", 0, ReadDirection.Backward, 1)]
    [InlineData("missing-1", 1, ReadDirection.Forward, 5)]
    [InlineData("missing-1", 5, ReadDirection.Backward, 5)]
    public async Task ReadStreamAsync_returns_the_slice_the_sqlite_reader_returns(string stream, long from, ReadDirection direction, int maxCount)
    {
        await using var tapes = await SampleAsync();
        var id = StreamId.Parse(stream);

        var postgres = await Reader(tapes).ReadStreamAsync(id, from, direction, maxCount, default);
        var sqlite = await tapes.SqliteReader(4).ReadStreamAsync(id, from, direction, maxCount, default);

        Assert.Equal(Describe(sqlite), Describe(postgres));
    }

    [Fact]
    public async Task ReadStreamAsync_pages_a_stream_and_ends_with_no_next_version()
    {
        await using var tapes = await SampleAsync();
        var first = await Reader(tapes).ReadStreamAsync(StreamId.Parse("order-1"), 1, ReadDirection.Forward, 2, default);
        var last = await Reader(tapes).ReadStreamAsync(StreamId.Parse("order-1"), first.NextVersion!.Value, ReadDirection.Forward, 1, default);

        Assert.Equal(3, first.StreamVersion);
        Assert.Equal([1L, 2L], first.Events.Select(e => e.StreamVersion));
        Assert.Equal([3L], last.Events.Select(e => e.StreamVersion));
        Assert.Null(last.NextVersion);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task ReadStreamAsync_refuses_a_max_count_out_of_range(int maxCount)
    {
        await using var tapes = await SampleAsync();
        var error = await Assert.ThrowsAsync<Domain.Errors.ValidationException>(() => Reader(tapes).ReadStreamAsync(StreamId.Parse("order-1"), 1, ReadDirection.Forward, maxCount, default));
        Assert.Contains("maxCount", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("order-1", 1, 10)]
    [InlineData("order-1", 2, 2)]
    [InlineData("order-2", 9, 10)]
    [InlineData("missing-1", 1, 10)]
    public async Task ReadStreamFrom_returns_the_events_the_sqlite_reader_returns(string stream, long from, int limit)
    {
        await using var tapes = await SampleAsync();
        Assert.Equal(Describe(tapes.SqliteReader(4).ReadStreamFrom(stream, from, limit)), Describe(Reader(tapes).ReadStreamFrom(stream, from, limit)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(9)]
    [InlineData(100)]
    public async Task ReadAllAsync_streams_every_row_from_a_position_in_pages_as_sqlite(long from)
    {
        await using var tapes = await SampleAsync();
        var postgres = await ToListAsync(Reader(tapes, batchSize: 4).ReadAllAsync(from, default));
        var sqlite = await ToListAsync(tapes.SqliteReader(4).ReadAllAsync(from, default));

        Assert.Equal(Describe(sqlite), Describe(postgres));
        Assert.Equal(Enumerable.Range((int)Math.Max(1, from), Math.Max(0, 9 - (int)Math.Max(1, from) + 1)).Select(i => (long)i), postgres.Select(e => e.Seq));
    }

    [Fact]
    public async Task ReadBatch_returns_the_rows_the_sqlite_reader_returns()
    {
        await using var tapes = await SampleAsync();
        Assert.Equal(Describe(tapes.SqliteReader(4).ReadBatch(3, 4)), Describe(Reader(tapes).ReadBatch(3, 4)));
        Assert.Empty(Reader(tapes).ReadBatch(10, 4));
    }

    [Fact]
    public async Task ReadHeadAsync_answers_genesis_on_an_empty_tape_and_the_last_row_after_appends()
    {
        await using var tapes = await TwinTapes.CreateAsync(fixture);
        var empty = await Reader(tapes).ReadHeadAsync(default);
        Assert.Equal(0, empty.Seq);
        Assert.Equal(new byte[32], empty.Hash.ToArray());

        var rows = Sample();
        await tapes.InsertAsync(rows.Rows);
        var head = await Reader(tapes).ReadHeadAsync(default);
        Assert.Equal(9, head.Seq);
        Assert.Equal(rows.Rows[^1].Hash, head.Hash.ToArray());
    }

    [Fact]
    public async Task FindEventAsync_maps_a_row_its_big_endian_id_and_an_erased_payload_as_sqlite()
    {
        var rows = Sample();
        await using var tapes = await TwinTapes.CreateAsync(fixture);
        await tapes.InsertAsync(rows.Rows);

        foreach (var row in rows.Rows)
        {
            var found = await Reader(tapes).FindEventAsync(row.EventId, default);
            Assert.NotNull(found);
            Assert.Equal(row.EventId, found.EventId);
            Assert.Equal(Describe(await tapes.SqliteReader(4).FindEventAsync(row.EventId, default)), Describe(found));
        }

        var erased = await Reader(tapes).FindEventAsync(rows.Rows[2].EventId, default);
        Assert.Null(erased!.Payload);
        Assert.Equal(rows.Rows[2].PayloadDigest, erased.PayloadDigest.ToArray());
        Assert.Null(await Reader(tapes).FindEventAsync(Guid.NewGuid(), default));
    }

    [Theory]
    [InlineData("order-1", 3)]
    [InlineData("order-2", 2)]
    [InlineData("missing-1", 0)]
    public async Task ReadStreamVersionAsync_answers_the_last_version_or_zero(string stream, long expected)
    {
        await using var tapes = await SampleAsync();
        Assert.Equal(expected, await Reader(tapes).ReadStreamVersionAsync(StreamId.Parse(stream), default));
        Assert.Equal(expected, await tapes.SqliteReader(4).ReadStreamVersionAsync(StreamId.Parse(stream), default));
    }

    [Fact]
    public async Task FindIdempotency_reads_the_recorded_entry_as_sqlite_or_null()
    {
        await using var tapes = await SampleAsync();
        var requestHash = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        await tapes.ExecuteAsync(
            "INSERT INTO journal_idempotency (key, request_hash, command_type, stream_id, stream_version, position, events_written, recorded_at) VALUES (@key, @hash, 'PlaceOrder', 'order-1', 4, 7, 2, 0)",
            "INSERT INTO journal_idempotency (key, request_hash, command_type, stream_id, stream_version, position, events_written, recorded_at) VALUES ($key, $hash, 'PlaceOrder', 'order-1', 4, 7, 2, 0)",
            ("key", "k-1"),
            ("hash", requestHash));

        var postgres = Reader(tapes).FindIdempotency("k-1");
        var sqlite = tapes.SqliteReader(4).FindIdempotency("k-1");

        Assert.NotNull(postgres);
        Assert.Equal(requestHash, postgres.RequestHash);
        Assert.Equal(sqlite! with { RequestHash = postgres.RequestHash }, postgres);
        Assert.Equal(("PlaceOrder", "order-1", 4L, 7L, 2), (postgres.CommandType, postgres.StreamId, postgres.StreamVersion, postgres.Position, postgres.EventsWritten));
        Assert.Null(Reader(tapes).FindIdempotency("k-2"));
    }

    [Fact]
    public async Task FindOpenStreams_answers_the_streams_the_sqlite_reader_answers_in_byte_order()
    {
        await using var tapes = await SampleAsync();
        string[] opening = ["test.noted.v1"];
        string[] closing = ["test.happened.v1"];

        var postgres = Reader(tapes).FindOpenStreams("order", opening, closing);
        var sqlite = tapes.SqliteReader(4).FindOpenStreams("order", opening, closing);

        Assert.Equal(["order-B", "order-a"], postgres.Select(s => s.Value));
        Assert.Equal(sqlite, postgres);
        Assert.Empty(Reader(tapes).FindOpenStreams("order", [], closing));
    }

    [Fact]
    public async Task ReadStats_counts_events_streams_and_erased_payloads_as_sqlite()
    {
        await using var tapes = await SampleAsync();
        var stats = Reader(tapes).ReadStats();
        Assert.Equal(new Reading.TapeStats(9, 6, 1), stats);
        Assert.Equal(tapes.SqliteReader(4).ReadStats(), stats);
    }

    /// <summary>
    /// order-1: three events, the third of the tape erased and recorded; order-2 opened (noted) then closed
    /// (happened); order-B and order-a opened and left open; task-1 in another category.
    /// </summary>
    internal static ChainedRows Sample()
    {
        var rows = new ChainedRows();
        rows.Append("order-1", Events.Happened("a", 1));
        rows.Append("order-2", Events.Noted("opened"));
        rows.Append("order-1", Events.Happened("b", 2));
        rows.Append("task-1", Events.Noted("task"));
        rows.Append("order-1", Events.Happened("c", 3));
        rows.Append("order-2", Events.Happened("closed"));
        rows.Append("order-a", Events.Noted("lower"));
        rows.Append("order-B", Events.Noted("upper", new Dictionary<string, string> { ["k"] = "v" }));
        rows.Erase(3);
        rows.AppendErasureRecord([3], "test");
        return rows;
    }

    private static PostgresTapeReader Reader(TwinTapes tapes, int batchSize = 4) => new(tapes.DataSource, batchSize);

    private async Task<TwinTapes> SampleAsync()
    {
        var tapes = await TwinTapes.CreateAsync(fixture);
        await tapes.InsertAsync(Sample().Rows);
        return tapes;
    }

    private static async Task<List<RecordedEvent>> ToListAsync(IAsyncEnumerable<RecordedEvent> events)
    {
        var list = new List<RecordedEvent>();
        await foreach (var recorded in events)
        {
            list.Add(recorded);
        }

        return list;
    }

    private static string Describe(StreamSlice slice) =>
        string.Create(CultureInfo.InvariantCulture, $"{slice.Stream} v{slice.StreamVersion} next {slice.NextVersion?.ToString(CultureInfo.InvariantCulture) ?? "none"}: ") + Describe(slice.Events);

    private static string Describe(IEnumerable<RecordedEvent> events) => string.Join("\n", events.Select(Describe));

    private static string Describe(RecordedEvent? e) => e is null
        ? "null"
        : string.Create(
            CultureInfo.InvariantCulture,
            $"{e.Seq} {e.EventId} {e.StreamId} {e.StreamVersion} {e.EventType} {e.RecordedAt} {e.Metadata.Actor}/{e.Metadata.CorrelationId} " +
            $"{(e.Payload is { } p ? Convert.ToHexString(p.Span) : "erased")} {Convert.ToHexString(e.PayloadDigest.Span)} {Convert.ToHexString(e.PrevHash.Span)} {Convert.ToHexString(e.Hash.Span)}");
}
