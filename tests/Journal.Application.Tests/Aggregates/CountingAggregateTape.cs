using Journal.Domain.Tape;
using Journal.EventStore.Ports;
using Journal.EventStore.Serialization;
using Journal.EventStore.Writing;

namespace Journal.Application.Tests.Aggregates;

/// <summary>A tape that counts what an aggregate store reads through it: pages, events, head seeks.</summary>
internal sealed class CountingAggregateTape(IAggregateTape inner) : IAggregateTape
{
    private int _eventsRead;
    private int _headReads;

    public int EventsRead => Volatile.Read(ref _eventsRead);

    public int HeadReads => Volatile.Read(ref _headReads);

    public PayloadSerializer Serializer => inner.Serializer;

    public IReadOnlyList<RecordedEvent> ReadStreamFrom(StreamId stream, long fromVersion, int limit)
    {
        var page = inner.ReadStreamFrom(stream, fromVersion, limit);
        Interlocked.Add(ref _eventsRead, page.Count);
        return page;
    }

    public StreamHead ReadStreamHead(StreamId stream)
    {
        Interlocked.Increment(ref _headReads);
        return inner.ReadStreamHead(stream);
    }

    public long ReadErasedPayloadCount() => inner.ReadErasedPayloadCount();

    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? idempotency, CancellationToken ct) =>
        inner.AppendAsync(appends, metadata, idempotency, ct);

    public IdempotencyEntry? FindIdempotency(string key) => inner.FindIdempotency(key);

    public IReadOnlyList<StreamId> FindOpenStreams(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes) =>
        inner.FindOpenStreams(category, openingTypes, closingTypes);
}
