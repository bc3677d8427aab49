using System.Diagnostics;
using Journal.Domain.Tape;
using Journal.EventStore.Tests.Support;
using Journal.EventStore.Tracing;

namespace Journal.EventStore.Tests.Tracing;

public sealed class AppendTracingTests : IAsyncDisposable
{
    private readonly ActivitySource _caller = new("Journal.EventStore.Tests.Caller");
    private readonly StoreFixture _fixture = new();
    private readonly List<Activity> _stopped = [];
    private readonly ActivityListener _listener;
    private ActivityTraceId _traced;

    public AppendTracingTests()
    {
        // Listeners are process-wide: only this test's caller span and what runs under it are recorded.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is TapeTracing.SourceName || source == _caller,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Source == _caller || (options.Parent.TraceId == _traced && _traced != default)
                    ? ActivitySamplingResult.AllDataAndRecorded
                    : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                lock (_stopped)
                {
                    _stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        _caller.Dispose();
        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task Append_is_a_child_span_of_its_caller_with_its_positions_and_is_remembered_for_them()
    {
        var store = _fixture.Open();
        await store.AppendAsync(StreamId.Parse("s-before"), ExpectedVersion.Any, [Events.Happened("untraced")], EventMetadata.Empty, default);

        using (var caller = _caller.StartActivity("caller")!)
        {
            _traced = caller.TraceId;
            await store.AppendAsync(
                [new StreamAppend(StreamId.Parse("s-a"), ExpectedVersion.NoStream, Events.Many(2)), new StreamAppend(StreamId.Parse("s-b"), ExpectedVersion.NoStream, [Events.Noted("n")])],
                new EventMetadata(Actor: "test", CorrelationId: "corr-1"),
                default);
        }

        var append = Single(TapeTracing.AppendSpan);
        var parent = Single("caller");
        Assert.Equal(parent.SpanId, append.ParentSpanId);
        Assert.Equal("corr-1", append.GetTagItem(TraceTags.CorrelationId));
        Assert.Equal(2, append.GetTagItem(TapeTracing.StreamsTag));
        Assert.Equal(3, append.GetTagItem(TapeTracing.EventsTag));
        Assert.Equal(1, append.GetTagItem(TapeTracing.GroupSizeTag));
        Assert.Equal(2L, append.GetTagItem(TapeTracing.FirstPositionTag));
        Assert.Equal(4L, append.GetTagItem(TapeTracing.LastPositionTag));

        var remembered = Assert.Single(store.AppendTraces(1, 10, 10));
        Assert.Equal(append.Context.SpanId, remembered.Context.SpanId);
        Assert.Equal(append.TraceId, remembered.Context.TraceId);
        Assert.Equal(("corr-1", 2L, 4L), (remembered.CorrelationId, remembered.FirstSeq, remembered.LastSeq));
        Assert.Empty(store.AppendTraces(1, 1, 10));
        Assert.Single(store.AppendTraces(4, 4, 10));
    }

    [Fact]
    public async Task A_refused_append_ends_its_span_in_error_and_is_not_remembered()
    {
        var store = _fixture.Open();
        await store.AppendAsync(StreamId.Parse("s-a"), ExpectedVersion.NoStream, [Events.Happened("first")], EventMetadata.Empty, default);

        using (var caller = _caller.StartActivity("caller")!)
        {
            _traced = caller.TraceId;
            await Assert.ThrowsAsync<Domain.Errors.WrongExpectedVersionException>(() =>
                store.AppendAsync(StreamId.Parse("s-a"), ExpectedVersion.NoStream, [Events.Happened("again")], EventMetadata.Empty, default));
        }

        var append = Single(TapeTracing.AppendSpan);
        Assert.Equal(ActivityStatusCode.Error, append.Status);
        Assert.Equal("stream.wrong_expected_version", append.GetTagItem("error.type"));
        Assert.Empty(store.AppendTraces(1, 10, 10));
    }

    [Fact]
    public async Task Tracing_an_append_changes_nothing_on_the_tape()
    {
        var plain = _fixture.Open();
        using var otherDirectory = new TempDirectory();
        var traced = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = otherDirectory.File("journal.db") }, StoreFixture.Registry, _fixture.Clock);
        await using var _ = traced;
        var events = Events.Many(3);
        var metadata = new EventMetadata(Actor: "test", CorrelationId: "corr-2");

        await plain.AppendAsync(StreamId.Parse("s-a"), ExpectedVersion.NoStream, events, metadata, default);
        using (var caller = _caller.StartActivity("caller")!)
        {
            _traced = caller.TraceId;
            await traced.AppendAsync(StreamId.Parse("s-a"), ExpectedVersion.NoStream, events, metadata, default);
        }

        Assert.Single(traced.AppendTraces(1, 3, 10));
        Assert.Empty(plain.AppendTraces(1, 3, 10));
        var (plainHead, tracedHead) = (await plain.ReadHeadAsync(default), await traced.ReadHeadAsync(default));
        Assert.Equal(plainHead.Seq, tracedHead.Seq);
        Assert.Equal(plainHead.Hash.ToArray(), tracedHead.Hash.ToArray());
        Assert.Equal(plain.ReadPage(1, 10).Select(e => e.Metadata), traced.ReadPage(1, 10).Select(e => e.Metadata));
    }

    private Activity Single(string name)
    {
        lock (_stopped)
        {
            return Assert.Single(_stopped, a => a.DisplayName == name && a.TraceId == _traced);
        }
    }
}
