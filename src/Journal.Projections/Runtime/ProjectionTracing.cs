using System.Diagnostics;
using Journal.EventStore.Ports;
using Journal.EventStore.Tracing;

namespace Journal.Projections.Runtime;

/// <summary>
/// The projections' spans (activity source <c>Journal.Projections</c>): <c>journal.projection.batch</c>,
/// one per batch of the tape applied and committed. A batch serves many commands and runs on its own
/// schedule, so its span starts a trace of its own and links to the append spans of the events it
/// applied (as far as the tape still remembers them, see <see cref="ITapeFeed.AppendTraces"/>).
/// </summary>
public static class ProjectionTracing
{
    /// <summary>Name of the activity source.</summary>
    public const string SourceName = "Journal.Projections";

    /// <summary>Name of the batch span.</summary>
    public const string BatchSpan = "journal.projection.batch";

    /// <summary>Attribute: events in the batch.</summary>
    public const string EventsTag = "journal.projection.events";

    /// <summary>Attribute: the batch's first position.</summary>
    public const string FirstPositionTag = "journal.projection.first_position";

    /// <summary>Attribute: the batch's last position.</summary>
    public const string LastPositionTag = "journal.projection.last_position";

    /// <summary>Attribute: projections the batch was applied to.</summary>
    public const string ProjectionsTag = "journal.projection.count";

    /// <summary>The most append spans one batch links to.</summary>
    public const int MaxLinks = 128;

    // Immutable once made and shared like a Meter: the listeners decide what it records.
    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts the span of a batch of <paramref name="events"/> for <paramref name="projections"/> projections,
    /// linked to the traced appends that wrote them; nothing when nobody listens.
    /// </summary>
    internal static BatchScope StartBatch(ITapeFeed tape, IReadOnlyList<Domain.Tape.RecordedEvent> events, int projections)
    {
        if (events.Count == 0 || !Source.HasListeners())
        {
            return default;
        }

        var (first, last) = (events[0].Seq, events[^1].Seq);
        var traces = tape.AppendTraces(first, last, MaxLinks);
        var links = new List<ActivityLink>(traces.Count);
        var correlations = new List<string>();
        foreach (var trace in traces)
        {
            links.Add(new ActivityLink(trace.Context, new ActivityTagsCollection
            {
                [TraceTags.CorrelationId] = trace.CorrelationId,
                [TapeTracing.FirstPositionTag] = trace.FirstSeq,
                [TapeTracing.LastPositionTag] = trace.LastSeq,
            }));
            if (trace.CorrelationId is { } id && !correlations.Contains(id))
            {
                correlations.Add(id);
            }
        }

        // A root, whoever drives the catch-up (the daemon's loop, or a request that waits for it): a batch
        // is no part of any one command's work. The caller's span is current again once the batch ends.
        var previous = Activity.Current;
        Activity.Current = null;
        var activity = Source.StartActivity(BatchSpan, ActivityKind.Internal, default(ActivityContext), links: links);
        if (activity is null)
        {
            Activity.Current = previous;
            return default;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(EventsTag, events.Count);
            activity.SetTag(FirstPositionTag, first);
            activity.SetTag(LastPositionTag, last);
            activity.SetTag(ProjectionsTag, projections);
            if (correlations.Count > 0)
            {
                activity.SetTag(TraceTags.CorrelationId, correlations.ToArray());
            }
        }

        return new BatchScope(activity, previous);
    }
}
