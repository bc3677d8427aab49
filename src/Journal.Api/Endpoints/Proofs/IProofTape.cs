using Journal.Domain.Tape;
using Journal.EventStore.Ports;

namespace Journal.Api.Endpoints.Proofs;

/// <summary>What answering a proof request reads besides the tree: the head and single events, from the service's tape or a tape file.</summary>
internal interface IProofTape
{
    Task<long> ReadHeadSeqAsync(CancellationToken ct);

    Task<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken ct);

    RecordedEvent? ReadEvent(long seq);

    Task<byte[]?> ReadHashAtAsync(long seq, CancellationToken ct);
}

/// <summary>The service's tape.</summary>
internal sealed class ServiceProofTape(ITapeFeed feed, IEventStore events, ITapeVerification verification) : IProofTape
{
    public async Task<long> ReadHeadSeqAsync(CancellationToken ct) => (await feed.ReadHeadAsync(ct).ConfigureAwait(false)).Seq;

    public Task<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken ct) => events.FindEventAsync(eventId, ct);

    public RecordedEvent? ReadEvent(long seq) => feed.ReadPage(seq, 1) is [var found] && found.Seq == seq ? found : null;

    public Task<byte[]?> ReadHashAtAsync(long seq, CancellationToken ct) => verification.ReadHashAtAsync(seq, ct);
}

/// <summary>A tape file opened read-only by a verb.</summary>
internal sealed class FileProofTape(EventStore.Inspection.TapeInspector inspector) : IProofTape
{
    public async Task<long> ReadHeadSeqAsync(CancellationToken ct) => (await inspector.ReadHeadAsync(ct).ConfigureAwait(false)).Seq;

    public Task<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken ct) => inspector.FindEventAsync(eventId, ct);

    public RecordedEvent? ReadEvent(long seq) => inspector.ReadPage(seq, 1) is [var found] && found.Seq == seq ? found : null;

    public Task<byte[]?> ReadHashAtAsync(long seq, CancellationToken ct) => Task.FromResult(inspector.Verifier.ReadHashAt(seq));
}
