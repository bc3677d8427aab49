using System.Collections.Concurrent;
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
/// Commands started from one thread without awaiting each must get in flight together, so the tape can
/// commit them as groups: a run of appends committed on their callers' own threads is cut after
/// <see cref="AppendHandOff.InlineLimit"/> by one that gives its caller the task back first (without it,
/// 64 memory adds in flight committed one per group, issue 22).
/// </summary>
public sealed class AggregateStoreFanOutTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new(registry: CounterDecider.Registry);
    private readonly ThreadLocal<int> _sending = new();
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
    public async Task ExecuteAsync_cuts_a_run_of_appends_on_the_callers_thread_so_commands_started_from_one_thread_get_in_flight_together()
    {
        const int Commands = 64;
        var tape = new WatchedTape(_tape, () => _sending.Value);
        var store = new AggregateStore(tape, _fixture.Clock);
        var commands = new List<Task<CommandResult>>();
        for (var i = 1; i <= Commands; i++)
        {
            _sending.Value = i;
            try
            {
                commands.Add(store.ExecuteAsync(new CounterRequest($"c{i}"), CounterDecider.Value, new Increment($"c{i}"), default));
            }
            finally
            {
                _sending.Value = 0;
            }
        }

        var results = await Task.WhenAll(commands);
        var inside = tape.AppendedInsideTheSendingCall;
        var longestRun = 0;
        for (int i = 1, run = 0; i <= Commands; i++)
        {
            run = inside.Contains(i) ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        Assert.Equal(Commands, tape.Appends);
        Assert.Equal(AppendHandOff.InlineLimit, longestRun);
        Assert.All(results, r => Assert.Equal(1, r.StreamVersion));
        Assert.Equal(Enumerable.Range(1, Commands).Select(p => (long)p), results.Select(r => r.Position).Order());
    }

    /// <summary>
    /// A tape whose appends always complete on the calling thread (as the SQLite writer's do when it finds
    /// itself free: here even when it is not, so which appends complete inside a sending call depends on
    /// the store alone). It counts appends and notes which sending call (by number) each ran inside of.
    /// </summary>
    private sealed class WatchedTape(IAggregateTape inner, Func<int> sendingCall) : IAggregateTape
    {
        private readonly ConcurrentBag<int> _inside = [];
        private int _appends;

        public int Appends => Volatile.Read(ref _appends);

        public IReadOnlySet<int> AppendedInsideTheSendingCall => _inside.ToHashSet();

        public PayloadSerializer Serializer => inner.Serializer;

        public IReadOnlyList<RecordedEvent> ReadStreamFrom(StreamId stream, long fromVersion, int limit) => inner.ReadStreamFrom(stream, fromVersion, limit);

        public StreamHead ReadStreamHead(StreamId stream) => inner.ReadStreamHead(stream);

        public long ReadErasedPayloadCount() => inner.ReadErasedPayloadCount();

        public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? idempotency, CancellationToken ct)
        {
            Interlocked.Increment(ref _appends);
            if (sendingCall() is > 0 and var call)
            {
                _inside.Add(call);
            }

            var appended = inner.AppendAsync(appends, metadata, idempotency, ct);
            return Task.FromResult(appended.GetAwaiter().GetResult());
        }

        public IdempotencyEntry? FindIdempotency(string key) => inner.FindIdempotency(key);

        public IReadOnlyList<StreamId> FindOpenStreams(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes) =>
            inner.FindOpenStreams(category, openingTypes, closingTypes);
    }
}
