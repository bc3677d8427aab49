using System.Diagnostics;
using Journal.Domain.Tape;
using Journal.EventStore.Tracing;
using Journal.Projections.Runtime;

namespace Journal.Projections.Tests.Runtime;

/// <summary>
/// A projection batch is a span of its own (source <c>Journal.Projections</c>): never a child of whoever
/// drives the catch-up, linked to the append spans of the events it applied.
/// </summary>
public sealed class BatchTracingTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();
    private readonly ActivitySource _caller = new("Journal.Projections.Tests.Caller");
    private readonly List<Activity> _stopped = [];
    private readonly ActivityListener _listener;
    private ActivityTraceId _traced;

    public BatchTracingTests()
    {
        // Listeners are process-wide: only this test's spans and the batches linked to them are recorded.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is TapeTracing.SourceName or ProjectionTracing.SourceName || source == _caller,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) => Traced(options)
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
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Given_traced_appends_When_a_batch_applies_them_Then_its_span_is_a_root_linked_to_each_append_with_their_correlation_ids()
    {
        var daemon = _harness.Daemon([new CounterProjection()]);
        var untraced = await _harness.CountAsync("a", 1);
        using (var command = _caller.StartActivity("command")!)
        {
            _traced = command.TraceId;
            await Append("a", "corr-1");
            await Append("b", "corr-2");
        }

        var appends = Spans(TapeTracing.AppendSpan);
        using (_caller.StartActivity("driver"))
        {
            await daemon.CatchUpAsync(default);
        }

        var batch = Assert.Single(Spans(ProjectionTracing.BatchSpan));
        Assert.Equal(default, batch.ParentSpanId);
        Assert.NotEqual(_traced, batch.TraceId);
        Assert.Equal(appends.Select(a => a.SpanId.ToHexString()).Order(), batch.Links.Select(l => l.Context.SpanId.ToHexString()).Order());
        Assert.Equal(2, appends.Count);
        Assert.Equal(["corr-1", "corr-2"], Assert.IsType<string[]>(batch.GetTagItem(TraceTags.CorrelationId)));
        Assert.Equal(untraced, batch.GetTagItem(ProjectionTracing.FirstPositionTag));
        Assert.Equal(untraced + 2, batch.GetTagItem(ProjectionTracing.LastPositionTag));
        Assert.Equal(3, batch.GetTagItem(ProjectionTracing.EventsTag));
        Assert.Equal(ActivityStatusCode.Unset, batch.Status);
    }

    private Task<AppendResult> Append(string key, string correlation) =>
        _harness.Tape.AppendAsync(StreamId.Parse("counter-" + key), ExpectedVersion.Any, [new EventData(Guid.NewGuid(), "test.counted.v1", new Counted(key, 1))], new EventMetadata(CorrelationId: correlation), default);

    private bool Traced(ActivityCreationOptions<ActivityContext> options)
    {
        if (options.Source == _caller || (_traced != default && options.Parent.TraceId == _traced))
        {
            return true;
        }

        foreach (var link in options.Links ?? [])
        {
            if (link.Context.TraceId == _traced)
            {
                return true;
            }
        }

        return false;
    }

    private List<Activity> Spans(string name)
    {
        lock (_stopped)
        {
            return _stopped.Where(a => a.DisplayName == name && (a.TraceId == _traced || a.Links.Any(l => l.Context.TraceId == _traced))).ToList();
        }
    }
}
