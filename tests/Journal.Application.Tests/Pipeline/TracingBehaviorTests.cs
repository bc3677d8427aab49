using System.Diagnostics;
using Journal.Application.Pipeline;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.EventStore.Tracing;
using MediatR;

namespace Journal.Application.Tests.Pipeline;

/// <summary>
/// Every command and query runs in a span of its own (source <c>Journal.Commands</c>), a child of the span
/// around it, named by kind and request, with the correlation id; a failure ends it in error.
/// </summary>
public sealed class TracingBehaviorTests : IDisposable
{
    private readonly ActivitySource _caller = new("Journal.Application.Tests.Caller");
    private readonly List<Activity> _stopped = [];
    private readonly ActivityListener _listener;
    private readonly Activity _parent;

    public TracingBehaviorTests()
    {
        // Listeners are process-wide: only what runs under this test's own span is recorded.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is CommandTracing.SourceName || source == _caller,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Source == _caller || options.Parent.TraceId == _parent?.TraceId
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
        _parent = _caller.StartActivity("caller")!;
    }

    public void Dispose()
    {
        _parent.Dispose();
        _listener.Dispose();
        _caller.Dispose();
    }

    [Fact]
    public async Task Given_a_command_When_it_is_handled_Then_its_span_is_a_child_named_after_it_with_the_correlation_id()
    {
        var command = new Touch { Context = new CommandContext(CorrelationId: "corr-7") };

        await new TracingBehavior<Touch, CommandResult>().Handle(command, CancellationToken.None, () => Task.FromResult(new CommandResult("s-1", 1, 1, 1)));

        var span = Assert.Single(Spans());
        Assert.Equal("journal.command Touch", span.DisplayName);
        Assert.Equal(_parent.SpanId, span.ParentSpanId);
        Assert.Equal("corr-7", span.GetTagItem(TraceTags.CorrelationId));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task Given_a_query_When_it_is_handled_Then_its_span_is_named_a_query_and_takes_the_correlation_id_of_the_span_around_it()
    {
        _parent.SetTag(TraceTags.CorrelationId, "corr-8");

        await new TracingBehavior<Look, string>().Handle(new Look(), CancellationToken.None, () => Task.FromResult("seen"));

        var span = Assert.Single(Spans());
        Assert.Equal("journal.query Look", span.DisplayName);
        Assert.Equal("corr-8", span.GetTagItem(TraceTags.CorrelationId));
    }

    [Fact]
    public async Task Given_a_refused_command_When_it_is_handled_Then_its_span_ends_in_error_with_the_code_and_the_exception()
    {
        var refusal = new RuleViolationException("session.archived", "the session is archived");

        await Assert.ThrowsAsync<RuleViolationException>(() =>
            new TracingBehavior<Touch, CommandResult>().Handle(new Touch(), CancellationToken.None, () => Task.FromException<CommandResult>(refusal)));

        var span = Assert.Single(Spans());
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("session.archived", span.GetTagItem("error.type"));
        var exception = Assert.Single(span.Events, e => e.Name == "exception");
        Assert.Contains(exception.Tags, t => t.Key == "exception.type" && Equals(t.Value, typeof(RuleViolationException).FullName));
    }

    private List<Activity> Spans()
    {
        lock (_stopped)
        {
            return _stopped.Where(a => a.Source.Name == CommandTracing.SourceName && a.TraceId == _parent.TraceId).ToList();
        }
    }

    public sealed record Touch : ICommand
    {
        public CommandContext Context { get; init; } = CommandContext.None;
    }

    public sealed record Look : IRequest<string>;
}
