using System.Threading.Channels;

namespace Journal.EventStore.Writing;

/// <summary>
/// The requests waiting for the writer, and how many of them a group takes: up to the events-per-commit
/// limit, and, while a group is open, the callers of the last group coming back (<see cref="CohortGate"/>).
/// </summary>
internal sealed class WriteQueue(int maxEventsPerCommit, TimeSpan cohortWait) : IDisposable
{
    private readonly Channel<WriteRequest> _channel = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CohortGate _cohort = new(cohortWait);

    /// <summary>The most events one group commits (a request is never split, so the last one taken may go over).</summary>
    public int MaxEventsPerCommit { get; } = maxEventsPerCommit;

    /// <summary>Requests waiting.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Whether an open group is waiting for the last group's callers to come back.</summary>
    public bool Gathering => _cohort.Watching;

    /// <summary>Times an open group waited for a request to arrive.</summary>
    public long CohortWaits => _cohort.Waits;

    /// <summary>How many requests a gathering group waits for (see <see cref="CohortGate.Expected"/>).</summary>
    public int Expected => _cohort.Expected;

    /// <summary>Queues a request and wakes a group waiting for one; false once the queue is closed.</summary>
    public bool TryEnqueue(WriteRequest request)
    {
        if (!_channel.Writer.TryWrite(request))
        {
            return false;
        }

        _cohort.Arrived();
        return true;
    }

    /// <summary>Refuses new requests; those already queued can still be taken.</summary>
    public void Close() => _channel.Writer.TryComplete();

    /// <summary>Moves waiting requests into the group while it has room; returns its event count.</summary>
    public int Take(List<WriteRequest> group, int events)
    {
        while (events < MaxEventsPerCommit && _channel.Reader.TryRead(out var request))
        {
            group.Add(request);
            events += request.EventCount;
        }

        return events;
    }

    /// <summary>The time after which an open group stops waiting for arrivals.</summary>
    public long Deadline() => _cohort.Deadline();

    /// <summary>Waits, with the group open, until a request is queued or the deadline passes; true when one is queued.</summary>
    public bool AwaitArrival(long deadline) => _cohort.AwaitArrival(_channel.Reader, deadline);

    /// <summary>Notes the size of the group just committed (the next group gathers as many).</summary>
    public void Committed(int requests) => _cohort.Committed(requests);

    public void Dispose() => _cohort.Dispose();
}
