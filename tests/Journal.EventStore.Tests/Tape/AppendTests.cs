using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Tape;

public sealed class AppendTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();
    private SqliteEventStore _store = null!;
    private static readonly StreamId Stream = StreamId.Parse("order-1");

    public Task InitializeAsync()
    {
        _store = _fixture.Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task AppendAsync_assigns_gapless_positions_and_stream_versions_from_1()
    {
        var first = await _store.AppendAsync(Stream, ExpectedVersion.NoStream, Events.Many(3), EventMetadata.Empty, default);
        var second = await _store.AppendAsync(StreamId.Parse("order-2"), ExpectedVersion.Any, Events.Many(2), EventMetadata.Empty, default);

        Assert.Equal([1L, 2L, 3L], first.Events.Select(e => e.Seq));
        Assert.Equal([1L, 2L, 3L], first.Events.Select(e => e.StreamVersion));
        Assert.Equal(3, first.StreamVersion);
        Assert.Equal(3, first.Position);
        Assert.Equal([4L, 5L], second.Events.Select(e => e.Seq));
        Assert.Equal([1L, 2L], second.Events.Select(e => e.StreamVersion));
        Assert.False(first.Duplicate);
    }

    [Fact]
    public async Task AppendAsync_meets_each_kind_of_expected_version()
    {
        await _store.AppendAsync(Stream, ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default);
        await _store.AppendAsync(Stream, ExpectedVersion.StreamExists, Events.Many(1), EventMetadata.Empty, default);
        await _store.AppendAsync(Stream, ExpectedVersion.Exact(2), Events.Many(1), EventMetadata.Empty, default);
        var last = await _store.AppendAsync(Stream, ExpectedVersion.Any, Events.Many(1), EventMetadata.Empty, default);

        Assert.Equal(4, last.StreamVersion);
    }

    [Theory]
    [InlineData("no-stream", 2)]
    [InlineData("exact-1", 2)]
    [InlineData("exact-5", 2)]
    public async Task AppendAsync_throws_with_expected_and_actual_when_version_is_wrong(string expectation, long actual)
    {
        await _store.AppendAsync(Stream, ExpectedVersion.NoStream, Events.Many(2), EventMetadata.Empty, default);
        var expected = expectation switch
        {
            "no-stream" => ExpectedVersion.NoStream,
            "exact-1" => ExpectedVersion.Exact(1),
            _ => ExpectedVersion.Exact(5),
        };

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => _store.AppendAsync(Stream, expected, Events.Many(1), EventMetadata.Empty, default));

        Assert.Equal(expected.ToString(), error.Expected);
        Assert.Equal(actual, error.Actual);
        Assert.Equal("stream.wrong_expected_version", error.Code);
        Assert.Equal(2, await _store.ReadStreamVersionAsync(Stream, default));
    }

    [Fact]
    public async Task AppendAsync_throws_when_stream_must_exist_but_does_not()
    {
        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => _store.AppendAsync(Stream, ExpectedVersion.StreamExists, Events.Many(1), EventMetadata.Empty, default));

        Assert.Equal(0, error.Actual);
        Assert.Equal("stream-exists", error.Expected);
    }

    [Fact]
    public async Task AppendAsync_writes_nothing_when_one_event_of_the_call_is_refused()
    {
        var events = new[] { Events.Happened("ok"), Events.Happened(new string('x', 2 * 1024 * 1024)) };

        var error = await Assert.ThrowsAsync<TooLargeException>(
            () => _store.AppendAsync(Stream, ExpectedVersion.Any, events, EventMetadata.Empty, default));

        Assert.Equal("input.too_large", error.Code);
        Assert.Equal(0, (await _store.ReadHeadAsync(default)).Seq);
    }

    [Fact]
    public async Task AppendAsync_refuses_a_payload_over_the_configured_limit()
    {
        await _fixture.CloseAsync(_store);
        _store = _fixture.Open(o => o with { MaxPayloadBytes = 2048 });

        await Assert.ThrowsAsync<TooLargeException>(
            () => _store.AppendAsync(Stream, ExpectedVersion.Any, [Events.Happened(new string('y', 4096))], EventMetadata.Empty, default));
        var fits = await _store.AppendAsync(Stream, ExpectedVersion.Any, [Events.Happened(new string('y', 1000))], EventMetadata.Empty, default);

        Assert.Equal(1, fits.Position);
    }

    [Fact]
    public async Task AppendAsync_returns_the_original_positions_and_writes_nothing_when_the_same_events_are_appended_again()
    {
        var events = Events.Many(3);
        var first = await _store.AppendAsync(Stream, ExpectedVersion.NoStream, events, EventMetadata.Empty, default);

        var again = await _store.AppendAsync(Stream, ExpectedVersion.NoStream, events, EventMetadata.Empty, default);

        Assert.True(again.Duplicate);
        Assert.Equal(first.Events, again.Events);
        Assert.Equal(3, (await _store.ReadHeadAsync(default)).Seq);
    }

    [Fact]
    public async Task AppendAsync_stays_idempotent_after_the_store_is_reopened()
    {
        var events = Events.Many(2);
        var first = await _store.AppendAsync(Stream, ExpectedVersion.NoStream, events, EventMetadata.Empty, default);
        await _store.AppendAsync(StreamId.Parse("other-1"), ExpectedVersion.Any, Events.Many(50), EventMetadata.Empty, default);
        _store = await _fixture.ReopenAsync(_store);

        var again = await _store.AppendAsync(Stream, ExpectedVersion.NoStream, events, EventMetadata.Empty, default);

        Assert.True(again.Duplicate);
        Assert.Equal(first.Events, again.Events);
        Assert.Equal(52, (await _store.ReadHeadAsync(default)).Seq);
    }

    [Fact]
    public async Task AppendAsync_throws_a_conflict_when_an_event_id_returns_with_other_content()
    {
        var id = Guid.NewGuid();
        await _store.AppendAsync(Stream, ExpectedVersion.Any, [Events.Happened("first", id: id)], EventMetadata.Empty, default);

        var error = await Assert.ThrowsAsync<EventIdConflictException>(
            () => _store.AppendAsync(Stream, ExpectedVersion.Any, [Events.Happened("second", id: id)], EventMetadata.Empty, default));

        Assert.Equal(id, error.EventId);
        Assert.Equal("event.id_conflict", error.Code);
        Assert.Equal(1, (await _store.ReadHeadAsync(default)).Seq);
    }

    [Fact]
    public async Task AppendAsync_throws_a_conflict_when_an_event_id_returns_on_another_stream()
    {
        var data = Events.Happened("same");
        await _store.AppendAsync(Stream, ExpectedVersion.Any, [data], EventMetadata.Empty, default);

        await Assert.ThrowsAsync<EventIdConflictException>(
            () => _store.AppendAsync(StreamId.Parse("order-9"), ExpectedVersion.Any, [data], EventMetadata.Empty, default));
    }

    [Fact]
    public async Task AppendAsync_throws_a_conflict_when_only_part_of_an_append_is_on_the_tape()
    {
        var known = Events.Happened("known");
        await _store.AppendAsync(Stream, ExpectedVersion.Any, [known], EventMetadata.Empty, default);

        await Assert.ThrowsAsync<EventIdConflictException>(
            () => _store.AppendAsync(Stream, ExpectedVersion.Any, [known, Events.Happened("new")], EventMetadata.Empty, default));
        Assert.Equal(1, (await _store.ReadHeadAsync(default)).Seq);
    }

    [Fact]
    public async Task AppendAsync_refuses_the_same_event_id_twice_in_one_call()
    {
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<ValidationException>(
            () => _store.AppendAsync(Stream, ExpectedVersion.Any, [Events.Happened("a", id: id), Events.Happened("b", id: id)], EventMetadata.Empty, default));

        Assert.Equal("eventId", error.Field);
    }

    [Theory]
    [InlineData("Session.Started.v1")]
    [InlineData("session.started")]
    [InlineData("Journal.Domain.SessionStarted")]
    [InlineData("")]
    public async Task AppendAsync_refuses_an_event_type_that_is_not_a_stable_name(string eventType)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(
            () => _store.AppendAsync(Stream, ExpectedVersion.Any, [new EventData(Guid.NewGuid(), eventType, new Happened("x"))], EventMetadata.Empty, default));

        Assert.Equal("eventType", error.Field);
    }

    [Fact]
    public async Task AppendAsync_refuses_a_type_name_that_contradicts_the_record()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(
            () => _store.AppendAsync(Stream, ExpectedVersion.Any, [new EventData(Guid.NewGuid(), "test.noted.v1", new Happened("x"))], EventMetadata.Empty, default));

        Assert.Equal("eventType", error.Field);
    }

    [Fact]
    public async Task AppendAsync_publishes_the_committed_position()
    {
        var seen = new List<long>();
        using var subscription = _store.Committed.Subscribe(seen.Add);

        await _store.AppendAsync(Stream, ExpectedVersion.Any, Events.Many(2), EventMetadata.Empty, default);
        await _store.AppendAsync(Stream, ExpectedVersion.Any, Events.Many(1), EventMetadata.Empty, default);

        Assert.Equal([2L, 3L], seen);
    }

    [Fact]
    public async Task AppendAsync_stamps_recorded_at_from_the_injected_clock()
    {
        _fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await _store.AppendAsync(Stream, ExpectedVersion.Any, Events.Many(1), new EventMetadata(Actor: "agent", Principal: "alice", CorrelationId: "c-1"), default);

        var recorded = (await _store.ReadStreamAsync(Stream, 1, ReadDirection.Forward, 10, default)).Events.Single();

        Assert.Equal(_fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds(), recorded.RecordedAt);
        Assert.Equal("agent", recorded.Metadata.Actor);
        Assert.Equal("alice", recorded.Metadata.Principal);
        Assert.Equal("c-1", recorded.Metadata.CorrelationId);
    }
}
