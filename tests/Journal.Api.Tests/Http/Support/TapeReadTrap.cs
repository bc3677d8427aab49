using System.Collections.Concurrent;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Ports;
using Journal.EventStore.Serialization;
using Journal.EventStore.Writing;
using Microsoft.AspNetCore.Http;

namespace Journal.Api.Tests.Http.Support;

/// <summary>
/// The tape as <see cref="IEventStore"/> and <see cref="IAggregateTape"/> (what request handlers read
/// streams through), forwarding every call to the real store and noting each read made while an HTTP
/// <c>GET</c> is being served: "GET /path: Member". The projections read through <see cref="ITapeFeed"/>,
/// which stays the real store, so only what a request itself reads is noted.
/// </summary>
public sealed class TapeReadTrap(SqliteEventStore store, IHttpContextAccessor http) : IEventStore, IAggregateTape
{
    private readonly ConcurrentQueue<string> _reads = new();
    private readonly IEventStore _events = store;
    private readonly IAggregateTape _aggregates = store;

    /// <summary>The reads noted so far, oldest first.</summary>
    public IReadOnlyList<string> Reads => [.. _reads];

    public IObservable<long> Committed => _events.Committed;

    public PayloadSerializer Serializer => _aggregates.Serializer;

    public Task<AppendResult> AppendAsync(StreamId stream, ExpectedVersion expected, IReadOnlyList<EventData> events, EventMetadata metadata, CancellationToken ct) =>
        _events.AppendAsync(stream, expected, events, metadata, ct);

    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, CancellationToken ct) =>
        _events.AppendAsync(appends, metadata, ct);

    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? idempotency, CancellationToken ct) =>
        _aggregates.AppendAsync(appends, metadata, idempotency, ct);

    public Task<ErasureResult> ErasePayloadsAsync(IReadOnlyCollection<long> seqs, string reason, EventMetadata metadata, CancellationToken ct) =>
        _events.ErasePayloadsAsync(seqs, reason, metadata, ct);

    public Task<StreamSlice> ReadStreamAsync(StreamId stream, long fromVersion, ReadDirection direction, int maxCount, CancellationToken ct)
    {
        Note(nameof(ReadStreamAsync));
        return _events.ReadStreamAsync(stream, fromVersion, direction, maxCount, ct);
    }

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromSeq, CancellationToken ct)
    {
        Note(nameof(ReadAllAsync));
        return _events.ReadAllAsync(fromSeq, ct);
    }

    public Task<TapeHead> ReadHeadAsync(CancellationToken ct)
    {
        Note(nameof(ReadHeadAsync));
        return _events.ReadHeadAsync(ct);
    }

    public Task<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken ct)
    {
        Note(nameof(FindEventAsync));
        return _events.FindEventAsync(eventId, ct);
    }

    public Task<long> ReadStreamVersionAsync(StreamId stream, CancellationToken ct)
    {
        Note(nameof(ReadStreamVersionAsync));
        return _events.ReadStreamVersionAsync(stream, ct);
    }

    public IReadOnlyList<RecordedEvent> ReadStreamFrom(StreamId stream, long fromVersion, int limit)
    {
        Note(nameof(ReadStreamFrom));
        return _aggregates.ReadStreamFrom(stream, fromVersion, limit);
    }

    public StreamHead ReadStreamHead(StreamId stream)
    {
        Note(nameof(ReadStreamHead));
        return _aggregates.ReadStreamHead(stream);
    }

    public long ReadErasedPayloadCount()
    {
        Note(nameof(ReadErasedPayloadCount));
        return _aggregates.ReadErasedPayloadCount();
    }

    public IdempotencyEntry? FindIdempotency(string key)
    {
        Note(nameof(FindIdempotency));
        return _aggregates.FindIdempotency(key);
    }

    public IReadOnlyList<StreamId> FindOpenStreams(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes)
    {
        Note(nameof(FindOpenStreams));
        return _aggregates.FindOpenStreams(category, openingTypes, closingTypes);
    }

    private void Note(string member)
    {
        if (http.HttpContext?.Request is { Method: "GET" } request)
        {
            _reads.Enqueue($"GET {request.Path}: {member}");
        }
    }
}
