using Journal.Application.Aggregates;
using Journal.Domain.Commands;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Ports;
using Journal.EventStore.Serialization;
using Journal.EventStore.Tests.Support;
using Journal.EventStore.Writing;

namespace Journal.Application.Tests.Aggregates;

/// <summary>
/// Commands started from one thread without awaiting each must all be in flight together, so the tape can
/// commit them as groups: the store gives the caller its task back before the append, never after a commit
/// it ran on the caller's own thread (which made 64 memory adds in flight commit one per group, issue 22).
/// </summary>
public sealed class AggregateStoreFanOutTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new(registry: CounterDecider.Registry);
    private readonly ThreadLocal<bool> _sending = new();
    private SqliteEventStore _tape = null!;

    public Task InitializeAsync()
    {
        _tape = _fixture.Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _sending.Dispose();
        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task ExecuteAsync_returns_to_its_caller_before_the_append_so_commands_started_from_one_thread_are_in_flight_together()
    {
        var tape = new WatchedTape(_tape, () => _sending.Value);
        var store = new AggregateStore(tape, _fixture.Clock);
        var commands = new List<Task<CommandResult>>();
        for (var i = 0; i < 16; i++)
        {
            _sending.Value = true;
            try
            {
                commands.Add(store.ExecuteAsync(new CounterRequest($"c{i}"), CounterDecider.Value, new Increment($"c{i}"), default));
            }
            finally
            {
                _sending.Value = false;
            }
        }

        var results = await Task.WhenAll(commands);

        Assert.Equal(16, tape.Appends);
        Assert.Equal(0, tape.AppendsInsideTheSendingCall);
        Assert.All(results, r => Assert.Equal(1, r.StreamVersion));
        Assert.Equal(Enumerable.Range(1, 16).Select(p => (long)p), results.Select(r => r.Position).Order());
    }

    /// <summary>A tape that counts appends, and those made on the sending thread while its call had not returned.</summary>
    private sealed class WatchedTape(IAggregateTape inner, Func<bool> insideSendingCall) : IAggregateTape
    {
        private int _appends;
        private int _inside;

        public int Appends => Volatile.Read(ref _appends);

        public int AppendsInsideTheSendingCall => Volatile.Read(ref _inside);

        public PayloadSerializer Serializer => inner.Serializer;

        public IReadOnlyList<RecordedEvent> ReadStreamFrom(StreamId stream, long fromVersion, int limit) => inner.ReadStreamFrom(stream, fromVersion, limit);

        public StreamHead ReadStreamHead(StreamId stream) => inner.ReadStreamHead(stream);

        public long ReadErasedPayloadCount() => inner.ReadErasedPayloadCount();

        public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? idempotency, CancellationToken ct)
        {
            Interlocked.Increment(ref _appends);
            if (insideSendingCall())
            {
                Interlocked.Increment(ref _inside);
            }

            return inner.AppendAsync(appends, metadata, idempotency, ct);
        }

        public IdempotencyEntry? FindIdempotency(string key) => inner.FindIdempotency(key);

        public IReadOnlyList<StreamId> FindOpenStreams(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes) =>
            inner.FindOpenStreams(category, openingTypes, closingTypes);
    }
}
