using System.Diagnostics;
using Journal.Domain.Tape;

namespace Journal.EventStore.Tracing;

/// <summary>
/// The tape's spans (activity source <c>Journal.Tape</c>): <c>journal.tape.append</c>, from the call
/// to the tape until its group commit is durable, as a child of the caller's span.
/// </summary>
public static class TapeTracing
{
    /// <summary>Name of the activity source.</summary>
    public const string SourceName = "Journal.Tape";

    /// <summary>Name of the append span.</summary>
    public const string AppendSpan = "journal.tape.append";

    /// <summary>Attribute: streams appended to.</summary>
    public const string StreamsTag = "journal.tape.streams";

    /// <summary>Attribute: events appended.</summary>
    public const string EventsTag = "journal.tape.events";

    /// <summary>Attribute: requests in the group commit the append rode in.</summary>
    public const string GroupSizeTag = "journal.tape.group_size";

    /// <summary>Attribute: the first position written.</summary>
    public const string FirstPositionTag = "journal.tape.first_position";

    /// <summary>Attribute: the last position written.</summary>
    public const string LastPositionTag = "journal.tape.last_position";

    /// <summary>Attribute: true when every event was on the tape already (an idempotent retry) and nothing was written.</summary>
    public const string DuplicateTag = "journal.tape.duplicate";

    // An ActivitySource is immutable once made and shared like a Meter: the listeners decide what it records.
    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the append span as a child of the current span; null when nobody listens.</summary>
    internal static Activity? StartAppend(IReadOnlyList<StreamAppend> appends, EventMetadata metadata)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(AppendSpan, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TraceTags.CorrelationId, metadata.CorrelationId);
            activity.SetTag(StreamsTag, appends.Count);
        }

        return activity;
    }

    /// <summary>What the append wrote and the group it rode in.</summary>
    internal static void Appended(Activity activity, int events, int groupSize, IReadOnlyList<AppendResult> results)
    {
        if (!activity.IsAllDataRequested)
        {
            return;
        }

        activity.SetTag(EventsTag, events);
        activity.SetTag(GroupSizeTag, groupSize);
        if (Positions(results) is var (first, last))
        {
            activity.SetTag(FirstPositionTag, first);
            activity.SetTag(LastPositionTag, last);
        }

        if (results.Count > 0 && results.All(r => r.Duplicate))
        {
            activity.SetTag(DuplicateTag, true);
        }
    }

    /// <summary>Marks the span failed with the error (its code as <c>error.type</c> when it has one).</summary>
    internal static void Failed(Activity activity, Exception error)
    {
        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.SetTag("error.type", (error as Domain.Errors.JournalException)?.Code ?? error.GetType().FullName);
        activity.AddException(error);
    }

    /// <summary>The lowest and highest positions of the events of <paramref name="results"/>; null when none.</summary>
    internal static (long First, long Last)? Positions(IReadOnlyList<AppendResult> results)
    {
        long first = long.MaxValue, last = long.MinValue;
        foreach (var result in results)
        {
            foreach (var position in result.Events)
            {
                first = Math.Min(first, position.Seq);
                last = Math.Max(last, position.Seq);
            }
        }

        return first <= last ? (first, last) : null;
    }
}
