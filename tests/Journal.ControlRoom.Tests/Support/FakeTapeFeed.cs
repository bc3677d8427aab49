using System.Reactive.Subjects;
using Journal.Domain.Tape;
using Journal.EventStore.Ports;
using Journal.EventStore.Reading;
using Journal.EventStore.Serialization;

namespace Journal.ControlRoom.Tests.Support;

/// <summary>A tape that only publishes the commits a test announces: the live source pages follow.</summary>
public sealed class FakeTapeFeed : ITapeFeed, IDisposable
{
    private readonly Subject<long> _committed = new();

    public IObservable<long> Committed => _committed;

    public PayloadSerializer Serializer => throw new NotSupportedException();

    public bool HasFollowers => _committed.HasObservers;

    public void Commit(long seq) => _committed.OnNext(seq);

    public IReadOnlyList<RecordedEvent> ReadPage(long fromSeq, int limit) => [];

    public Task<TapeHead> ReadHeadAsync(CancellationToken ct) => Task.FromResult(new TapeHead(0, ReadOnlyMemory<byte>.Empty));

    public TapeStats ReadStats() => new(0, 0, 0);

    public IReadOnlyList<EventTypeCount> ReadTypeCounts() => [];

    public void Dispose() => _committed.Dispose();
}
