using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Erasure;
using Journal.EventStore.Tests.Support;
using Journal.EventStore.Writing;

namespace Journal.EventStore.Tests.Conformance;

/// <summary>
/// What every tape backend must do, seen only through its ports (<see cref="IEventStore"/>,
/// <see cref="Ports.IAggregateTape"/>, <see cref="Ports.ITapeFeed"/>, <see cref="Ports.ITapeVerification"/>):
/// expected versions, idempotency by event id and by key, all-or-nothing multi-stream appends with a
/// gapless seq, reads, erasure, verification, the committed-position feed, and parallel appenders.
/// A backend runs the suite by subclassing it and opening a fresh, empty tape in <see cref="OpenAsync"/>
/// whose registry knows the test events of <see cref="Events"/>: <see cref="SqliteTapeConformance"/> does
/// so for SQLite, and a PostgreSQL backend subclasses it the same way.
/// </summary>
public abstract class TapeConformance : IAsyncLifetime
{
    private static readonly StreamId Stream = StreamId.Parse("conf-1");
    private static readonly StreamId Other = StreamId.Parse("conf-2");
    private static readonly TimeSpan FeedWait = TimeSpan.FromSeconds(30);

    private TapeBackend _backend = null!;

    /// <summary>The backend under test.</summary>
    protected TapeBackend Backend => _backend;

    private IEventStore Store => _backend.Store;

    /// <summary>Opens a fresh, empty tape of the backend under test, in storage of its own.</summary>
    protected abstract Task<TapeBackend> OpenAsync();

    public async Task InitializeAsync() => _backend = await OpenAsync();

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task Writer_skips_the_open_set_for_a_group_with_no_registered_type()
    {
        string[] opening = ["test.noted.v1"];
        Assert.Empty(_backend.Aggregates.FindOpenStreams("op", opening, []));
        var moves = _backend.OpenSetMoves();

        // test.happened.v1 is registered for no category: nothing in this group can open or close a stream.
        await Append(StreamId.Parse("op-1"), ExpectedVersion.NoStream, [Events.Happened("unregistered")]);
        var skipped = _backend.OpenSetMoves();
        await Append(StreamId.Parse("op-2"), ExpectedVersion.NoStream, [Events.Happened("unregistered"), Events.Noted("open")]);

        Assert.Equal(moves, skipped);
        Assert.Equal(moves + 1, _backend.OpenSetMoves());
        Assert.Equal(["op-2"], _backend.Aggregates.FindOpenStreams("op", opening, []).Select(s => s.Value));
    }

    [Fact]
    public async Task AppendAsync_meets_every_kind_of_expected_version()
    {
        var any = await Append(Stream, ExpectedVersion.Any, Events.Many(1));
        var exists = await Append(Stream, ExpectedVersion.StreamExists, Events.Many(2));
        var exact = await Append(Stream, ExpectedVersion.Exact(3), Events.Many(1));
        var noStream = await Append(Other, ExpectedVersion.NoStream, Events.Many(1));
        var exactZero = await Append(StreamId.Parse("conf-3"), ExpectedVersion.Exact(0), Events.Many(1));
        var anyAgain = await Append(Stream, ExpectedVersion.Any, Events.Many(1));

        Assert.Equal([1L, 3, 4, 1, 1, 5], new[] { any.StreamVersion, exists.StreamVersion, exact.StreamVersion, noStream.StreamVersion, exactZero.StreamVersion, anyAgain.StreamVersion });
        Assert.Equal([1L, 3, 4, 5, 6, 7], new[] { any.Position, exists.Position, exact.Position, noStream.Position, exactZero.Position, anyAgain.Position });
        Assert.Equal([2L, 3], exists.Events.Select(e => e.Seq));
        Assert.Equal([2L, 3], exists.Events.Select(e => e.StreamVersion));
        Assert.False(anyAgain.Duplicate);
    }

    [Fact]
    public async Task ReadStreamHead_answers_a_streams_last_version_and_position_and_zeros_for_a_stream_with_no_event()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(3));
        await Append(Other, ExpectedVersion.Any, Events.Many(2));
        await Append(Stream, ExpectedVersion.Exact(3), Events.Many(1));

        Assert.Equal(new Ports.StreamHead(4, 6), _backend.Aggregates.ReadStreamHead(Stream));
        Assert.Equal(new Ports.StreamHead(2, 5), _backend.Aggregates.ReadStreamHead(Other));
        Assert.Equal(default, _backend.Aggregates.ReadStreamHead(StreamId.Parse("conf-none")));
    }

    [Fact]
    public async Task ReadErasedPayloadCount_moves_with_each_erasure_that_erases_a_payload()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(3));
        var before = _backend.Aggregates.ReadErasedPayloadCount();

        await Store.ErasePayloadsAsync([1, 2], "conformance", EventMetadata.Empty, default);

        Assert.Equal(0, before);
        Assert.Equal(2, _backend.Aggregates.ReadErasedPayloadCount());
    }

    [Theory]
    [InlineData("no-stream", "conf-1", 2)]
    [InlineData("exact-1", "conf-1", 2)]
    [InlineData("exact-3", "conf-1", 2)]
    [InlineData("stream-exists", "conf-2", 0)]
    [InlineData("exact-1", "conf-2", 0)]
    public async Task AppendAsync_refuses_a_wrong_expected_version_with_the_stream_the_expectation_and_the_actual_version(string expectation, string stream, long actual)
    {
        await Append(Stream, ExpectedVersion.NoStream, Events.Many(2));
        var expected = expectation switch
        {
            "no-stream" => ExpectedVersion.NoStream,
            "stream-exists" => ExpectedVersion.StreamExists,
            "exact-1" => ExpectedVersion.Exact(1),
            _ => ExpectedVersion.Exact(3),
        };

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Append(StreamId.Parse(stream), expected, Events.Many(1)));

        Assert.Equal(stream, error.Stream);
        Assert.Equal(expected.ToString(), error.Expected);
        Assert.Equal(actual, error.Actual);
        Assert.Equal("stream.wrong_expected_version", error.Code);
        Assert.Equal(actual, await Store.ReadStreamVersionAsync(StreamId.Parse(stream), default));
        Assert.Equal(2, await HeadSeq());
    }

    [Fact]
    public async Task AppendAsync_returns_the_first_positions_and_writes_nothing_when_the_same_events_come_again()
    {
        var events = Events.Many(3);
        var first = await Append(Stream, ExpectedVersion.NoStream, events);
        await Append(Other, ExpectedVersion.Any, Events.Many(1));

        var again = await Append(Stream, ExpectedVersion.NoStream, events);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Events, again.Events);
        Assert.Equal(3, again.StreamVersion);
        Assert.Equal(3, again.Position);
        Assert.Equal(4, await HeadSeq());
    }

    [Fact]
    public async Task AppendAsync_refuses_an_event_id_that_returns_with_other_content_and_writes_nothing()
    {
        var id = Guid.NewGuid();
        await Append(Stream, ExpectedVersion.Any, [Events.Happened("first", id: id)]);

        var otherPayload = await Assert.ThrowsAsync<EventIdConflictException>(() => Append(Stream, ExpectedVersion.Any, [Events.Happened("second", id: id)]));
        var otherType = await Assert.ThrowsAsync<EventIdConflictException>(() => Append(Stream, ExpectedVersion.Any, [Events.Noted("first", id: id)]));
        var otherStream = await Assert.ThrowsAsync<EventIdConflictException>(() => Append(Other, ExpectedVersion.Any, [Events.Happened("first", id: id)]));

        Assert.All(new[] { otherPayload, otherType, otherStream }, e => Assert.Equal(id, e.EventId));
        Assert.Equal("event.id_conflict", otherPayload.Code);
        Assert.Equal(1, await HeadSeq());
        Assert.Equal(0, await Store.ReadStreamVersionAsync(Other, default));
    }

    [Fact]
    public async Task AppendAsync_records_an_idempotency_key_with_the_first_result_of_its_append()
    {
        var record = new IdempotencyRecord("key-1", Hash(1), "TestCommand");
        await Append(StreamId.Parse("noise-1"), ExpectedVersion.Any, Events.Many(2));

        var results = await Backend.Aggregates.AppendAsync(
            [new StreamAppend(Stream, ExpectedVersion.NoStream, Events.Many(2)), new StreamAppend(Other, ExpectedVersion.NoStream, Events.Many(1))],
            EventMetadata.Empty,
            record,
            default);
        var entry = Backend.Aggregates.FindIdempotency("key-1");

        Assert.Equal([4L, 5L], results.Select(r => r.Position));
        Assert.NotNull(entry);
        Assert.Equal(record.RequestHash, entry.RequestHash);
        Assert.Equal("TestCommand", entry.CommandType);
        Assert.Equal("conf-1", entry.StreamId);
        Assert.Equal(2, entry.StreamVersion);
        Assert.Equal(5, entry.Position);
        Assert.Equal(3, entry.EventsWritten);
        Assert.Null(Backend.Aggregates.FindIdempotency("key-2"));
    }

    [Fact]
    public async Task AppendAsync_refuses_a_recorded_idempotency_key_sent_with_another_request_hash_and_writes_nothing()
    {
        await Backend.Aggregates.AppendAsync([new StreamAppend(Stream, ExpectedVersion.NoStream, Events.Many(1))], EventMetadata.Empty, new IdempotencyRecord("key-1", Hash(1), "First"), default);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Backend.Aggregates.AppendAsync(
            [new StreamAppend(Other, ExpectedVersion.NoStream, Events.Many(1))], EventMetadata.Empty, new IdempotencyRecord("key-1", Hash(2), "Second"), default));

        Assert.Equal("idempotency.key_conflict", error.Code);
        Assert.Equal(1, await HeadSeq());
        Assert.Equal(0, await Store.ReadStreamVersionAsync(Other, default));
        var entry = Backend.Aggregates.FindIdempotency("key-1")!;
        Assert.Equal(Hash(1), entry.RequestHash);
        Assert.Equal("First", entry.CommandType);
    }

    [Fact]
    public async Task AppendAsync_answers_a_retry_of_a_recorded_key_with_the_first_positions_and_keeps_the_first_record()
    {
        var events = Events.Many(2);
        var record = new IdempotencyRecord("key-1", Hash(1), "TestCommand");
        var first = await Backend.Aggregates.AppendAsync([new StreamAppend(Stream, ExpectedVersion.NoStream, events)], EventMetadata.Empty, record, default);

        var retry = await Backend.Aggregates.AppendAsync([new StreamAppend(Stream, ExpectedVersion.NoStream, events)], EventMetadata.Empty, record, default);

        Assert.True(retry.Single().Duplicate);
        Assert.Equal(first.Single().Events, retry.Single().Events);
        Assert.Equal(2, await HeadSeq());
        var entry = Backend.Aggregates.FindIdempotency("key-1")!;
        Assert.Equal(2, entry.Position);
        Assert.Equal(2, entry.EventsWritten);
    }

    [Fact]
    public async Task AppendAsync_records_no_idempotency_key_when_its_append_is_refused()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(1));
        var record = new IdempotencyRecord("key-1", Hash(1), "TestCommand");

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Backend.Aggregates.AppendAsync(
            [new StreamAppend(Stream, ExpectedVersion.NoStream, Events.Many(1))], EventMetadata.Empty, record, default));
        var afterRefusal = Backend.Aggregates.FindIdempotency("key-1");
        await Backend.Aggregates.AppendAsync([new StreamAppend(Stream, ExpectedVersion.Exact(1), Events.Many(1))], EventMetadata.Empty, record, default);

        Assert.Null(afterRefusal);
        Assert.Equal(2, Backend.Aggregates.FindIdempotency("key-1")!.StreamVersion);
    }

    [Fact]
    public async Task AppendAsync_commits_every_stream_of_a_group_together()
    {
        var results = await Store.AppendAsync(
            [new StreamAppend(Stream, ExpectedVersion.NoStream, Events.Many(2)), new StreamAppend(Other, ExpectedVersion.NoStream, Events.Many(1))],
            EventMetadata.Empty,
            default);

        Assert.Equal([2L, 1L], results.Select(r => r.StreamVersion));
        Assert.Equal([1L, 2L, 3L], results.SelectMany(r => r.Events).Select(e => e.Seq));
        Assert.Equal(3, results[1].Position);
        Assert.Equal([1L, 2L, 3L], (await ReadAll()).Select(e => e.Seq));
    }

    [Fact]
    public async Task AppendAsync_writes_nothing_of_a_group_when_one_expectation_fails_and_the_next_append_takes_the_next_seq()
    {
        await Append(Other, ExpectedVersion.Any, Events.Many(1));

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendAsync(
            [new StreamAppend(Stream, ExpectedVersion.NoStream, Events.Many(2)), new StreamAppend(Other, ExpectedVersion.NoStream, Events.Many(1))],
            EventMetadata.Empty,
            default));
        var next = await Append(StreamId.Parse("conf-3"), ExpectedVersion.NoStream, Events.Many(1));

        Assert.Equal("conf-2", error.Stream);
        Assert.Equal(1, error.Actual);
        Assert.Equal(0, await Store.ReadStreamVersionAsync(Stream, default));
        Assert.Equal(2, next.Position);
        Assert.Equal([1L, 2L], (await ReadAll()).Select(e => e.Seq));
        Assert.True((await Backend.Verification.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task ReadStreamAsync_pages_a_stream_forwards_and_backwards()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(4));
        await Append(Other, ExpectedVersion.Any, Events.Many(3));
        await Append(Stream, ExpectedVersion.Any, Events.Many(3, "late"));

        var forward = await Store.ReadStreamAsync(Stream, 3, ReadDirection.Forward, 3, default);
        var forwardEnd = await Store.ReadStreamAsync(Stream, forward.NextVersion!.Value, ReadDirection.Forward, 3, default);
        var backward = await Store.ReadStreamAsync(Stream, long.MaxValue, ReadDirection.Backward, 4, default);
        var backwardEnd = await Store.ReadStreamAsync(Stream, backward.NextVersion!.Value, ReadDirection.Backward, 4, default);

        Assert.Equal([3L, 4, 5], forward.Events.Select(e => e.StreamVersion));
        Assert.Equal([3L, 4, 8], forward.Events.Select(e => e.Seq));
        Assert.Equal(7, forward.StreamVersion);
        Assert.Equal([6L, 7], forwardEnd.Events.Select(e => e.StreamVersion));
        Assert.Null(forwardEnd.NextVersion);
        Assert.Equal([7L, 6, 5, 4], backward.Events.Select(e => e.StreamVersion));
        Assert.Equal([3L, 2, 1], backwardEnd.Events.Select(e => e.StreamVersion));
        Assert.Null(backwardEnd.NextVersion);
        Assert.Equal(["e3", "e4", "late1"], forward.Events.Select(Text));
        Assert.All(forward.Events, e => Assert.Equal("conf-1", e.StreamId));
    }

    [Fact]
    public async Task ReadStreamAsync_returns_an_empty_slice_at_version_0_for_a_missing_stream()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(2));

        var slice = await Store.ReadStreamAsync(Other, 1, ReadDirection.Forward, 10, default);

        Assert.Empty(slice.Events);
        Assert.Equal(0, slice.StreamVersion);
        Assert.Null(slice.NextVersion);
    }

    [Fact]
    public async Task ReadAllAsync_reads_every_event_from_a_position_in_seq_order_with_each_linked_to_the_one_before()
    {
        for (var i = 0; i < 4; i++)
        {
            await Append(StreamId.Parse($"s-{i}"), ExpectedVersion.Any, Events.Many(5, $"s{i}-"));
        }

        var all = await ReadAll();
        var fromEleven = new List<long>();
        await foreach (var recorded in Store.ReadAllAsync(11, default))
        {
            fromEleven.Add(recorded.Seq);
        }

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), all.Select(e => e.Seq));
        Assert.Equal(Enumerable.Range(11, 10).Select(i => (long)i), fromEleven);
        Assert.Equal("s2-1", Text(all[10]));
        Assert.Equal("s-2", all[10].StreamId);
        Assert.Equal(1, all[10].StreamVersion);
        Assert.All(all.Skip(1).Zip(all), pair => Assert.True(pair.First.PrevHash.Span.SequenceEqual(pair.Second.Hash.Span)));
    }

    [Fact]
    public async Task ReadPage_returns_up_to_a_limit_of_events_from_a_position_in_seq_order()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(3));
        await Append(Other, ExpectedVersion.Any, Events.Many(4));

        var page = Backend.Feed.ReadPage(3, 3);
        var tail = Backend.Feed.ReadPage(6, 10);
        var beyond = Backend.Feed.ReadPage(8, 10);

        Assert.Equal([3L, 4, 5], page.Select(e => e.Seq));
        Assert.Equal(["conf-1", "conf-2", "conf-2"], page.Select(e => e.StreamId));
        Assert.Equal([6L, 7], tail.Select(e => e.Seq));
        Assert.Empty(beyond);
    }

    [Fact]
    public async Task ReadStreamFrom_returns_up_to_a_limit_of_a_stream_events_from_a_version()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(3));
        await Append(Other, ExpectedVersion.Any, Events.Many(2));
        await Append(Stream, ExpectedVersion.Any, Events.Many(2, "late"));

        var from = Backend.Aggregates.ReadStreamFrom(Stream, 2, 3);
        var end = Backend.Aggregates.ReadStreamFrom(Stream, 5, 10);
        var beyond = Backend.Aggregates.ReadStreamFrom(Stream, 6, 10);

        Assert.Equal([2L, 3, 4], from.Select(e => e.StreamVersion));
        Assert.Equal([2L, 3, 6], from.Select(e => e.Seq));
        Assert.Equal(["late2"], end.Select(Text));
        Assert.Empty(beyond);
    }

    [Fact]
    public async Task ReadHeadAsync_returns_the_last_position_and_its_hash_and_the_genesis_on_an_empty_tape()
    {
        var empty = await Store.ReadHeadAsync(default);
        await Append(Stream, ExpectedVersion.Any, Events.Many(3));

        var head = await Store.ReadHeadAsync(default);
        var feedHead = await Backend.Feed.ReadHeadAsync(default);
        var last = (await ReadAll())[^1];

        Assert.Equal(0, empty.Seq);
        Assert.True(empty.Hash.Span.SequenceEqual(new byte[32]));
        Assert.Equal(3, head.Seq);
        Assert.True(head.Hash.Span.SequenceEqual(last.Hash.Span));
        Assert.Equal(3, feedHead.Seq);
        Assert.True(feedHead.Hash.Span.SequenceEqual(last.Hash.Span));
    }

    [Fact]
    public async Task FindEventAsync_finds_an_event_by_id_and_returns_null_for_an_unknown_id()
    {
        var data = Events.Noted("hello");
        await Append(Stream, ExpectedVersion.Any, [Events.Happened("x"), data]);

        var found = await Store.FindEventAsync(data.EventId, default);
        var missing = await Store.FindEventAsync(Guid.NewGuid(), default);

        Assert.NotNull(found);
        Assert.Equal(2, found.Seq);
        Assert.Equal(data.EventId, found.EventId);
        Assert.Equal("conf-1", found.StreamId);
        Assert.Equal(2, found.StreamVersion);
        Assert.Equal("test.noted.v1", found.EventType);
        Assert.Equal("hello", Assert.IsType<Noted>(Backend.Feed.Serializer.Decode(found.EventType, found.Payload!.Value)).Note);
        Assert.Null(missing);
    }

    [Fact]
    public async Task ReadStreamVersionAsync_returns_the_stream_version_and_0_for_a_missing_stream()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(3));
        await Append(Other, ExpectedVersion.Any, Events.Many(1));
        await Append(Stream, ExpectedVersion.Any, Events.Many(1));

        Assert.Equal(4, await Store.ReadStreamVersionAsync(Stream, default));
        Assert.Equal(1, await Store.ReadStreamVersionAsync(Other, default));
        Assert.Equal(0, await Store.ReadStreamVersionAsync(StreamId.Parse("missing-1"), default));
    }

    [Fact]
    public async Task ReadStats_counts_events_streams_and_erased_payloads()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(3));
        await Append(Other, ExpectedVersion.Any, Events.Many(2));
        await Store.ErasePayloadsAsync([2], "forget", EventMetadata.Empty, default);

        var stats = Backend.Feed.ReadStats();

        Assert.Equal(6, stats.Events);
        Assert.Equal(3, stats.Streams);
        Assert.Equal(1, stats.ErasedPayloads);
    }

    [Fact]
    public async Task ReadTypeCounts_counts_events_by_type_the_erasure_record_included()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(3));
        await Append(Other, ExpectedVersion.Any, [Events.Noted("a"), Events.Happened("b"), Events.Noted("c")]);
        await Store.ErasePayloadsAsync([2], "forget", EventMetadata.Empty, default);

        var counts = Backend.Feed.ReadTypeCounts();

        Assert.Equal(
            [new("journal.payloads_erased.v1", 1), new("test.happened.v1", 4), new("test.noted.v1", 2)],
            counts);
    }

    [Fact]
    public async Task Kept_counts_leave_out_duplicates_refused_appends_and_refused_erasures()
    {
        var events = Events.Many(2);
        await Append(Stream, ExpectedVersion.NoStream, events);
        await Store.AppendAsync([new StreamAppend(Other, ExpectedVersion.NoStream, Events.Many(2)), new StreamAppend(StreamId.Parse("conf-3"), ExpectedVersion.NoStream, [Events.Noted("n")])], EventMetadata.Empty, default);
        Assert.True((await Append(Stream, ExpectedVersion.NoStream, events)).Duplicate);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Append(Stream, ExpectedVersion.NoStream, Events.Many(1)));
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendAsync([new StreamAppend(StreamId.Parse("conf-4"), ExpectedVersion.NoStream, Events.Many(1)), new StreamAppend(Other, ExpectedVersion.Exact(9), Events.Many(1))], EventMetadata.Empty, default));
        await Assert.ThrowsAsync<NotFoundException>(() => Store.ErasePayloadsAsync([1, 99], "forget", EventMetadata.Empty, default));
        await Store.ErasePayloadsAsync([1, 2], "forget", EventMetadata.Empty, default);
        await Store.ErasePayloadsAsync([2], "again", EventMetadata.Empty, default);

        var stats = Backend.Feed.ReadStats();
        var types = Backend.Feed.ReadTypeCounts();
        var check = Assert.Single(Backend.Inspection.RunMaintenance(), s => s.Name == "tape.counts");

        Assert.Equal(new Reading.TapeStats(6, 4, 2), stats);
        Assert.Equal([new("journal.payloads_erased.v1", 1), new("test.happened.v1", 4), new("test.noted.v1", 1)], types);
        Assert.True(check.Ok, check.Detail);
    }

    [Fact]
    public async Task RunMaintenance_reports_kept_counts_that_match_a_recount()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(3));
        await Store.ErasePayloadsAsync([3], "forget", EventMetadata.Empty, default);

        var check = Assert.Single(Backend.Inspection.RunMaintenance(), s => s.Name == "tape.counts");

        Assert.True(check.Ok, check.Detail);
        Assert.Contains("4 events, 2 streams, 1 erased payloads, 2 types", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErasePayloadsAsync_removes_the_payloads_records_the_erasure_and_the_chain_still_verifies()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(5));
        var before = await ReadAll();

        var result = await Store.ErasePayloadsAsync([2, 4], "forget me", new EventMetadata(Actor: "ops"), default);
        var again = await Store.ErasePayloadsAsync([4, 5], "and me", EventMetadata.Empty, default);

        var after = await ReadAll();
        var records = await Store.ReadStreamAsync(PayloadsErased.Stream, 1, ReadDirection.Forward, 10, default);
        var report = await Backend.Verification.VerifyAsync();
        Assert.Equal([2L, 4L], result.Erased);
        Assert.Empty(result.AlreadyErased);
        Assert.Equal(6, result.Position);
        Assert.Equal([5L], again.Erased);
        Assert.Equal([4L], again.AlreadyErased);
        Assert.Equal([2L, 4L, 5L], after.Where(e => e.IsErased).Select(e => e.Seq));
        Assert.True((await Store.FindEventAsync(before[1].EventId, default))!.IsErased);
        Assert.All(after.Take(5).Zip(before), pair =>
        {
            Assert.True(pair.First.PayloadDigest.Span.SequenceEqual(pair.Second.PayloadDigest.Span));
            Assert.True(pair.First.Hash.Span.SequenceEqual(pair.Second.Hash.Span));
        });
        Assert.Equal([6L, 7L], records.Events.Select(e => e.Seq));
        var record = Assert.IsType<PayloadsErased>(Backend.Feed.Serializer.Decode(records.Events[0].EventType, records.Events[0].Payload!.Value));
        Assert.Equal([2L, 4L], record.Seqs);
        Assert.Equal("forget me", record.Reason);
        Assert.Equal("ops", records.Events[0].Metadata.Actor);
        Assert.True(report.IsIntact, report.FirstMismatch?.ToString());
        Assert.Equal(3, report.ErasedPayloads);
    }

    [Fact]
    public async Task ErasePayloadsAsync_refuses_a_missing_position_and_erases_nothing()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(3));

        var error = await Assert.ThrowsAsync<NotFoundException>(() => Store.ErasePayloadsAsync([2, 99], "forget", EventMetadata.Empty, default));

        Assert.Equal("event.not_found", error.Code);
        Assert.All(await ReadAll(), e => Assert.False(e.IsErased));
        Assert.Equal(3, await HeadSeq());
        Assert.Equal(0, await Store.ReadStreamVersionAsync(PayloadsErased.Stream, default));
    }

    [Fact]
    public async Task VerifyAsync_reports_a_clean_tape_intact_with_its_counts_and_head()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(4));
        await Append(Other, ExpectedVersion.Any, Events.Many(2));
        var head = await Store.ReadHeadAsync(default);

        var report = await Backend.Verification.VerifyAsync();
        var range = await Backend.Verification.VerifyAsync(2, 4);
        var file = await Backend.Verification.CheckFileAsync();
        var checkpoint = await Backend.Verification.ReadCheckpointStateAsync(default);

        Assert.True(report.IsIntact);
        Assert.Null(report.FirstMismatch);
        Assert.Equal(1, report.From);
        Assert.Equal(6, report.To);
        Assert.Equal(6, report.EventsChecked);
        Assert.Equal(0, report.ErasedPayloads);
        Assert.Equal(6, report.HeadSeq);
        Assert.Equal(Convert.ToHexStringLower(head.Hash.Span), report.HeadHash);
        Assert.True(range.IsIntact);
        Assert.Equal(3, range.EventsChecked);
        Assert.Equal((2L, 4L), (range.From, range.To));
        Assert.Empty(file);
        Assert.Equal(6, checkpoint.Seq);
        Assert.True(checkpoint.HeadHash.Span.SequenceEqual(head.Hash.Span));
        Assert.Equal(0, checkpoint.ErasedCount);
    }

    [Fact]
    public async Task StartVerification_checks_the_whole_tape_without_a_mark_and_only_the_positions_after_a_matching_one()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(4));
        var journal = Backend.Inspection.JournalId;
        var first = await Journal.EventStore.Verification.Start.StartVerification.RunAsync(Backend.Verification, journal, null, null, default);
        var mark = MarkOf(journal, first.Report);
        await Append(Other, ExpectedVersion.Any, Events.Many(2));

        var second = await Journal.EventStore.Verification.Start.StartVerification.RunAsync(Backend.Verification, journal, null, mark, default);

        Assert.Equal(("full", "no verified mark", 4L), (first.Scope, first.Reason, first.Report.EventsChecked));
        Assert.Equal("tail", second.Scope);
        Assert.Null(second.Reason);
        Assert.Equal(4, second.MarkSeq);
        Assert.Equal((5L, 6L, 2L), (second.Report.From, second.Report.To, second.Report.EventsChecked));
        Assert.True(second.IsSound, string.Join("; ", second.FileProblems));
    }

    [Fact]
    public async Task StartVerification_checks_the_whole_tape_when_the_mark_is_of_another_journal_or_holds_another_hash()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(4));
        var journal = Backend.Inspection.JournalId;
        var report = await Backend.Verification.VerifyAsync();
        var forged = MarkOf(journal, report) with { Hash = new string('0', 64) };

        var otherJournal = await Journal.EventStore.Verification.Start.StartVerification.RunAsync(Backend.Verification, Guid.NewGuid(), null, MarkOf(journal, report), default);
        var otherHash = await Journal.EventStore.Verification.Start.StartVerification.RunAsync(Backend.Verification, journal, null, forged, default);
        var cut = await Journal.EventStore.Verification.Start.StartVerification.RunAsync(Backend.Verification, journal, null, forged with { Seq = 9 }, default);

        Assert.Equal("full", otherJournal.Scope);
        Assert.Contains("the tape was replaced", otherJournal.Reason, StringComparison.Ordinal);
        Assert.Equal("full", otherHash.Scope);
        Assert.Contains("another hash", otherHash.Reason, StringComparison.Ordinal);
        Assert.Equal(4, otherHash.Report.EventsChecked);
        Assert.Contains("no row at the verified mark's seq 9", cut.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckTailAsync_finds_nothing_wrong_with_a_sound_tape()
    {
        await Append(Stream, ExpectedVersion.Any, Events.Many(4));

        Assert.Empty(await Backend.Verification.CheckTailAsync(2, default));
    }

    private static Journal.EventStore.Verification.Start.VerifiedMark MarkOf(Guid journal, Journal.EventStore.Verification.VerificationReport report) =>
        new(journal, null, report.HeadSeq, report.HeadHash, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, report.HeadSeq);

    [Fact]
    public async Task VerifyAsync_reports_an_empty_tape_intact()
    {
        var report = await Backend.Verification.VerifyAsync();

        Assert.True(report.IsIntact);
        Assert.Equal(0, report.EventsChecked);
        Assert.Equal(0, report.HeadSeq);
    }

    [Fact]
    public async Task Committed_publishes_the_highest_seq_of_each_commit_in_order_and_nothing_for_a_commit_that_wrote_nothing()
    {
        var events = Events.Many(2);
        using var feed = new CommittedLog(Backend.Feed.Committed);
        using var store = new CommittedLog(Store.Committed);

        await Append(Stream, ExpectedVersion.NoStream, events);
        await Store.AppendAsync([new StreamAppend(Other, ExpectedVersion.Any, Events.Many(2)), new StreamAppend(StreamId.Parse("conf-3"), ExpectedVersion.Any, Events.Many(1))], EventMetadata.Empty, default);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Append(Stream, ExpectedVersion.NoStream, Events.Many(1)));
        Assert.True((await Append(Stream, ExpectedVersion.NoStream, events)).Duplicate);
        await Store.ErasePayloadsAsync([1], "forget", EventMetadata.Empty, default);
        await Append(Stream, ExpectedVersion.Exact(2), Events.Many(1));

        Assert.Equal([2L, 5L, 6L, 7L], await feed.UntilAsync(7));
        Assert.Equal([2L, 5L, 6L, 7L], await store.UntilAsync(7));
    }

    [Fact]
    public async Task AppendAsync_from_parallel_appenders_on_distinct_streams_all_succeed_with_gapless_seqs()
    {
        const int appenders = 32;
        using var committed = new CommittedLog(Backend.Feed.Committed);

        var results = await Task.WhenAll(Enumerable.Range(0, appenders).Select(i => Task.Run(() =>
            Append(StreamId.Parse($"par-{i}"), ExpectedVersion.NoStream, [Events.Happened($"p{i}")]))));

        var all = await ReadAll();
        var published = await committed.UntilAsync(appenders);
        Assert.All(results, r => Assert.Equal(1, r.StreamVersion));
        Assert.Equal(Enumerable.Range(1, appenders).Select(i => (long)i), results.Select(r => r.Position).Order());
        Assert.Equal(Enumerable.Range(1, appenders).Select(i => (long)i), all.Select(e => e.Seq));
        Assert.Equal(appenders, all.Select(e => e.StreamId).Distinct().Count());
        Assert.All(published.Skip(1).Zip(published), pair => Assert.True(pair.First > pair.Second));
        Assert.True((await Backend.Verification.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task AppendAsync_from_parallel_appenders_on_one_stream_with_exact_lets_exactly_one_win_per_version()
    {
        const int appenders = 8;
        const int versions = 6;
        for (var round = 0; round < versions; round++)
        {
            var version = round;
            var expected = ExpectedVersion.Exact(version);
            var outcomes = await Task.WhenAll(Enumerable.Range(0, appenders).Select(i => Task.Run(() =>
                Outcome(Append(Stream, expected, [Events.Happened($"v{version}-{i}")])))));

            var winner = Assert.Single(outcomes, o => o.Result is not null).Result!;
            Assert.Equal(version + 1, winner.StreamVersion);
            Assert.All(outcomes.Where(o => o.Result is null), o =>
            {
                var refused = Assert.IsType<WrongExpectedVersionException>(o.Error);
                Assert.Equal(expected.ToString(), refused.Expected);
                Assert.Equal(version + 1, refused.Actual);
            });
        }

        var all = await ReadAll();
        Assert.Equal(Enumerable.Range(1, versions).Select(i => (long)i), all.Select(e => e.Seq));
        Assert.Equal(Enumerable.Range(1, versions).Select(i => (long)i), all.Select(e => e.StreamVersion));
        Assert.True((await Backend.Verification.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task FindOpenStreams_answers_the_streams_left_open_after_opens_closes_duplicates_and_refused_appends()
    {
        string[] opening = ["test.noted.v1"];
        string[] closing = ["test.happened.v1"];

        // Asked once before anything is written: from then on the tape keeps the set as it writes.
        Assert.Empty(Backend.Aggregates.FindOpenStreams("op", opening, closing));
        var first = Events.Noted("open");
        await Append(StreamId.Parse("op-1"), ExpectedVersion.NoStream, [first]);
        await Append(StreamId.Parse("op-2"), ExpectedVersion.NoStream, [Events.Noted("open")]);
        await Append(StreamId.Parse("op-2"), ExpectedVersion.Exact(1), [Events.Happened("close")]);
        await Append(StreamId.Parse("op-3"), ExpectedVersion.NoStream, [Events.Noted("open"), Events.Happened("close")]);
        await Append(StreamId.Parse("other-1"), ExpectedVersion.NoStream, [Events.Noted("another category")]);
        var duplicate = await Append(StreamId.Parse("op-1"), ExpectedVersion.NoStream, [first]);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Append(StreamId.Parse("op-1"), ExpectedVersion.NoStream, [Events.Happened("refused close")]));
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Append(StreamId.Parse("op-4"), ExpectedVersion.Exact(3), [Events.Noted("refused open")]));
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Backend.Aggregates.AppendAsync(
            [new StreamAppend(StreamId.Parse("op-5"), ExpectedVersion.NoStream, [Events.Noted("open")]), new StreamAppend(StreamId.Parse("op-2"), ExpectedVersion.Exact(1), [Events.Happened("stale")])],
            EventMetadata.Empty, null, default));

        Assert.True(duplicate.Duplicate);
        Assert.Equal(["op-1"], Backend.Aggregates.FindOpenStreams("op", opening, closing).Select(s => s.Value));
        Assert.Equal(["other-1"], Backend.Aggregates.FindOpenStreams("other", opening, closing).Select(s => s.Value));
    }

    [Fact]
    public async Task FindOpenStreams_answers_a_stream_again_once_an_opening_event_follows_its_close()
    {
        string[] opening = ["test.noted.v1"];
        string[] closing = ["test.happened.v1"];
        Assert.Empty(Backend.Aggregates.FindOpenStreams("op", opening, closing));
        await Append(StreamId.Parse("op-1"), ExpectedVersion.NoStream, [Events.Noted("open")]);
        await Append(StreamId.Parse("op-1"), ExpectedVersion.Exact(1), [Events.Happened("close")]);
        Assert.Empty(Backend.Aggregates.FindOpenStreams("op", opening, closing));

        // The set follows the order of the tape: the last opening or closing event decides. A superset of
        // "opened and never closed" is safe, since every stream answered is decided again on its own state.
        await Append(StreamId.Parse("op-1"), ExpectedVersion.Exact(2), [Events.Noted("open again")]);

        Assert.Equal(["op-1"], Backend.Aggregates.FindOpenStreams("op", opening, closing).Select(s => s.Value));
    }

    private Task<AppendResult> Append(StreamId stream, ExpectedVersion expected, IReadOnlyList<EventData> events) =>
        Store.AppendAsync(stream, expected, events, EventMetadata.Empty, default);

    private async Task<long> HeadSeq() => (await Store.ReadHeadAsync(default)).Seq;

    private async Task<List<RecordedEvent>> ReadAll()
    {
        var all = new List<RecordedEvent>();
        await foreach (var recorded in Store.ReadAllAsync(1, default))
        {
            all.Add(recorded);
        }

        return all;
    }

    private string Text(RecordedEvent recorded) =>
        Assert.IsType<Happened>(Backend.Feed.Serializer.Decode(recorded.EventType, recorded.Payload!.Value)).Text;

    private static byte[] Hash(byte seed) => Enumerable.Repeat(seed, 32).ToArray();

    private static async Task<(AppendResult? Result, JournalException? Error)> Outcome(Task<AppendResult> append)
    {
        try
        {
            return (await append, null);
        }
        catch (JournalException ex)
        {
            return (null, ex);
        }
    }

    /// <summary>
    /// The positions a <c>Committed</c> feed publishes. A backend may publish after the appending caller
    /// resumes, so a test waits (bounded) for the position it expects last rather than reading at once.
    /// </summary>
    private sealed class CommittedLog : IDisposable
    {
        private readonly List<long> _seen = [];
        private readonly Lock _lock = new();
        private readonly IDisposable _subscription;
        private TaskCompletionSource? _reached;
        private long _target;

        public CommittedLog(IObservable<long> committed) => _subscription = committed.Subscribe(OnNext);

        public async Task<IReadOnlyList<long>> UntilAsync(long seq)
        {
            Task wait;
            lock (_lock)
            {
                if (_seen.Contains(seq))
                {
                    return [.. _seen];
                }

                _target = seq;
                _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _reached.Task;
            }

            await wait.WaitAsync(FeedWait);
            lock (_lock)
            {
                return [.. _seen];
            }
        }

        public void Dispose() => _subscription.Dispose();

        private void OnNext(long seq)
        {
            lock (_lock)
            {
                _seen.Add(seq);
                if (seq == _target)
                {
                    _reached?.TrySetResult();
                }
            }
        }
    }
}
