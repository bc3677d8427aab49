using Journal.Application.Aggregates;
using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Ports;
using Journal.EventStore.Serialization;
using Journal.EventStore.Tests.Support;
using Journal.EventStore.Writing;

namespace Journal.Application.Tests.Aggregates;

/// <summary>
/// One call per command: the store decides on the state it remembers, and must still never write a
/// decision made on a stale state, never let a refusal or a no-op made on one stand, honour the caller's
/// precondition, decide again after a race lost to another writer (a bounded number of times), answer a
/// replayed idempotency key with the first result, and queue commands on one stream behind each other.
/// "Another writer" is a second store on the same file, as another process would be.
/// </summary>
public sealed class AggregateStoreTests : IAsyncLifetime
{
    private static readonly StreamId CounterA = CounterDecider.StreamFor("a");
    private static readonly StreamId CounterB = CounterDecider.StreamFor("b");
    private readonly StoreFixture _fixture = new(registry: CounterDecider.Registry);
    private readonly Decider<CounterCommand, CounterState, CounterSet> _counting;
    private SqliteEventStore _tape = null!;
    private AggregateStore _store = null!;
    private AggregateStore _other = null!;
    private int _decisions;

    public AggregateStoreTests() =>
        _counting = CounterDecider.Value with
        {
            Decide = (command, state) =>
            {
                Interlocked.Increment(ref _decisions);
                return CounterDecider.Decide(command, state);
            },
        };

    public Task InitializeAsync()
    {
        _tape = _fixture.Open();
        _store = new AggregateStore(_tape, _fixture.Clock);
        _other = new AggregateStore(_fixture.Open(), _fixture.Clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task ExecuteAsync_never_writes_a_decision_made_on_a_stale_remembered_state_and_succeeds_on_fresh_state()
    {
        await Run(new Increment("a"));
        await Run(new Increment("a"), store: _other);
        _decisions = 0;

        var result = await Run(new Increment("a"));

        Assert.Equal(2, _decisions);
        Assert.Equal(3, result.StreamVersion);
        Assert.Equal(1, result.EventsWritten);
        Assert.Equal([1, 2, 3], await Values(CounterA));
    }

    [Fact]
    public async Task ExecuteAsync_decides_once_on_a_remembered_state_that_is_still_the_latest_without_reading_the_stream()
    {
        var tape = new CountingTape(_tape);
        var store = new AggregateStore(tape, _fixture.Clock);
        await Run(new Increment("a"), store: store);
        (_decisions, tape.StreamReads) = (0, 0);

        var result = await Run(new Increment("a"), store: store);

        Assert.Equal(1, _decisions);
        Assert.Equal(0, tape.StreamReads);
        Assert.Equal(2, result.StreamVersion);
        Assert.Equal([1, 2], await Values(CounterA));
    }

    [Fact]
    public async Task ExecuteAsync_runs_a_refusal_decided_on_a_remembered_state_again_on_fresh_state()
    {
        await Run(new Increment("a"));
        await Run(new Increment("a"), store: _other);
        _decisions = 0;

        var result = await Run(new IncrementFrom("a", 2));

        Assert.Equal(2, _decisions);
        Assert.Equal(3, result.StreamVersion);
        Assert.Equal([1, 2, 3], await Values(CounterA));
    }

    [Fact]
    public async Task ExecuteAsync_refuses_when_fresh_state_confirms_a_refusal_decided_on_a_remembered_state()
    {
        await Run(new Increment("a"));
        await Run(new Increment("a"), store: _other);

        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => Run(new IncrementFrom("a", 1)));

        Assert.Equal("counter.moved", refused.Code);
        Assert.Contains("at 2", refused.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2], await Values(CounterA));
    }

    [Fact]
    public async Task ExecuteAsync_decides_again_on_fresh_state_a_no_op_decided_on_a_stale_remembered_state()
    {
        await Run(new SetTo("a", 5));
        await Run(new SetTo("a", 7), store: _other);
        _decisions = 0;

        var result = await Run(new SetTo("a", 5));

        Assert.Equal(2, _decisions);
        Assert.Equal(1, result.EventsWritten);
        Assert.Equal(3, result.StreamVersion);
        Assert.Equal([5, 7, 5], await Values(CounterA));
    }

    [Fact]
    public async Task ExecuteAsync_answers_a_no_op_with_the_stream_version_and_last_position()
    {
        await Run(new SetTo("a", 5));
        await Run(new Increment("b"));
        _decisions = 0;

        var result = await Run(new SetTo("a", 5));

        Assert.Equal(1, _decisions);
        Assert.Equal(new CommandResult("counter-a", 1, 1, 0), result);
        Assert.Equal(2, (await _tape.ReadHeadAsync(default)).Seq);
    }

    [Fact]
    public async Task ExecuteAsync_checks_a_remembered_state_the_command_only_read_against_the_tape_before_writing()
    {
        await Run(new Increment("a"));
        await Run(new Increment("a"), store: _other);
        _decisions = 0;

        await _store.ExecuteAsync(new CounterRequest("copy a to b"), CounterB, CopyAToB, default);

        Assert.Equal(2, _decisions);
        Assert.Equal([2], await Values(CounterB));
        Assert.Equal([1, 2], await Values(CounterA));
    }

    [Fact]
    public async Task ExecuteAsync_refuses_a_precondition_the_stream_does_not_meet_and_writes_nothing()
    {
        await Run(new Increment("a"));

        var refused = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            Run(new Increment("a"), new CommandContext(Precondition: new Precondition(CounterA, ExpectedVersion.Exact(5)))));

        Assert.Equal("counter-a", refused.Stream);
        Assert.Equal("5", refused.Expected);
        Assert.Equal(1, refused.Actual);
        Assert.Equal([1], await Values(CounterA));
        Assert.Equal(1, (await _tape.ReadHeadAsync(default)).Seq);
    }

    [Fact]
    public async Task ExecuteAsync_refuses_a_precondition_on_a_stream_the_command_did_not_load()
    {
        await Run(new Increment("a"));

        var refused = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _store.ExecuteAsync(
            new CounterRequest("set b") { Context = new CommandContext(Precondition: new Precondition(CounterA, ExpectedVersion.NoStream)) },
            CounterB,
            async (load, ct) => DeciderLoading.Changes(await load.DecideAsync(_counting, new SetTo("b", 3), ct)),
            default));

        Assert.Equal("counter-a", refused.Stream);
        Assert.Equal("no-stream", refused.Expected);
        Assert.Equal(1, refused.Actual);
        Assert.Empty(await Values(CounterB));
    }

    [Fact]
    public async Task ExecuteAsync_appends_against_a_precondition_the_stream_meets()
    {
        await Run(new Increment("a"));

        var exact = await Run(new Increment("a"), new CommandContext(Precondition: new Precondition(CounterA, ExpectedVersion.Exact(1))));
        var exists = await Run(new Increment("a"), new CommandContext(Precondition: new Precondition(CounterA, ExpectedVersion.StreamExists)));

        Assert.Equal(2, exact.StreamVersion);
        Assert.Equal(3, exists.StreamVersion);
        Assert.Equal([1, 2, 3], await Values(CounterA));
    }

    [Fact]
    public async Task ExecuteAsync_refuses_instead_of_deciding_again_when_the_stream_moves_past_a_met_precondition_before_the_append()
    {
        await Run(new Increment("a"));
        var runs = 0;

        var refused = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _store.ExecuteAsync(
            new CounterRequest("increment a") { Context = new CommandContext(Precondition: new Precondition(CounterA, ExpectedVersion.Exact(1))) },
            CounterA,
            async (load, ct) =>
            {
                var change = await load.DecideAsync(_counting, new Increment("a"), ct);
                if (++runs == 1)
                {
                    // Another writer gets in between the precondition's check and the append.
                    await Run(new Increment("a"), store: _other);
                }

                return DeciderLoading.Changes(change);
            },
            default));

        Assert.Equal("counter-a", refused.Stream);
        Assert.Equal("1", refused.Expected);
        Assert.Equal(2, refused.Actual);
        Assert.Equal([1, 2], await Values(CounterA));
    }

    [Fact]
    public async Task ExecuteAsync_decides_again_on_fresh_state_after_losing_a_race_to_another_store()
    {
        var decided = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherWrote = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;

        var racing = _store.ExecuteAsync(new CounterRequest("increment a"), CounterA, async (load, ct) =>
        {
            var change = await load.DecideAsync(_counting, new Increment("a"), ct);
            if (++runs == 1)
            {
                decided.SetResult();
                await otherWrote.Task;
            }

            return DeciderLoading.Changes(change);
        }, default);
        await decided.Task;
        var other = await Run(new Increment("a"), store: _other);
        otherWrote.SetResult();
        var result = await racing;

        Assert.Equal(1, other.StreamVersion);
        Assert.Equal(2, runs);
        Assert.Equal(2, result.StreamVersion);
        Assert.Equal([1, 2], await Values(CounterA));
    }

    [Fact]
    public async Task ExecuteAsync_gives_up_with_the_wrong_expected_version_after_the_retry_bound()
    {
        var retry = new CommandRetry { MaxAttempts = 3, MaxBackOff = TimeSpan.Zero };
        var store = new AggregateStore(_tape, _fixture.Clock, retry);
        var runs = 0;

        var refused = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.ExecuteAsync(new CounterRequest("increment a"), CounterA, async (load, ct) =>
        {
            if (++runs > retry.MaxAttempts)
            {
                throw new InvalidOperationException($"attempt {runs} is past the bound of {retry.MaxAttempts}");
            }

            var change = await load.DecideAsync(_counting, new Increment("a"), ct);
            await Run(new Increment("a"), store: _other);
            return DeciderLoading.Changes(change);
        }, default));

        Assert.Equal(3, runs);
        Assert.Equal("counter-a", refused.Stream);
        Assert.Equal([1, 2, 3], await Values(CounterA));
    }

    [Fact]
    public async Task ExecuteAsync_returns_the_first_result_for_a_replayed_key_without_deciding()
    {
        var keyed = new CommandContext(IdempotencyKey: "key-1");
        var first = await Run(new Increment("a"), keyed);
        await Run(new Increment("a"), store: _other);
        _decisions = 0;

        var replayed = await Run(new Increment("a"), keyed);
        var replayedElsewhere = await Run(new Increment("a"), keyed, _other);

        Assert.Equal(0, _decisions);
        Assert.False(first.Replayed);
        Assert.Equal(first with { Replayed = true }, replayed);
        Assert.Equal(first with { Replayed = true }, replayedElsewhere);
        Assert.Equal([1, 2], await Values(CounterA));
    }

    [Fact]
    public async Task ExecuteAsync_refuses_another_command_sent_with_a_used_key_without_deciding()
    {
        var keyed = new CommandContext(IdempotencyKey: "key-1");
        await Run(new Increment("a"), keyed);
        _decisions = 0;

        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => Run(new SetTo("a", 9), keyed));

        Assert.Equal("idempotency.key_conflict", refused.Code);
        Assert.Equal(0, _decisions);
        Assert.Equal([1], await Values(CounterA));
    }

    [Fact]
    public async Task ExecuteAsync_runs_concurrent_commands_on_one_stream_of_one_store_one_after_another()
    {
        // No retry: a race between two of these commands would be a refusal. The writer is held while all
        // sixteen are started, so without the gate every one would decide on the empty stream.
        var store = new AggregateStore(_tape, _fixture.Clock, new CommandRetry { MaxAttempts = 1 });
        Task<CommandResult>[] commands;
        using (await _tape.HoldWriterAsync(default))
        {
            commands = Enumerable.Range(0, 16).Select(_ => Run(new Increment("a"), store: store)).ToArray();
        }

        var outcomes = await Task.WhenAll(commands.Select(Outcome));

        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.Equal(Enumerable.Range(1, 16).Select(v => (long)v), outcomes.Select(o => o.Result!.StreamVersion).Order());
        Assert.Equal(16, _decisions);
        Assert.Equal(Enumerable.Range(1, 16), await Values(CounterA));
    }

    private Task<CommandResult> Run(CounterCommand command, CommandContext? context = null, AggregateStore? store = null) =>
        (store ?? _store).ExecuteAsync(new CounterRequest(command.ToString()) { Context = context ?? CommandContext.None }, _counting, command, default);

    /// <summary>Reads counter a (only reads it) and sets counter b to its value.</summary>
    private async Task<IReadOnlyList<AggregateChange>> CopyAToB(IAggregateLoader load, CancellationToken ct)
    {
        var a = await load.LoadAsync(_counting, CounterA, ct);
        return DeciderLoading.Changes(await load.DecideAsync(_counting, new SetTo("b", a.State.Value), ct));
    }

    private async Task<IReadOnlyList<int>> Values(StreamId stream)
    {
        var slice = await _tape.ReadStreamAsync(stream, 1, ReadDirection.Forward, 100, default);
        return slice.Events.Select(e => ((CounterSet)_tape.Serializer.Decode(e.EventType, e.Payload!.Value)!).Value).ToList();
    }

    /// <summary>A tape that counts the stream reads the store makes through it.</summary>
    private sealed class CountingTape(IAggregateTape inner) : IAggregateTape
    {
        public int StreamReads { get; set; }

        public PayloadSerializer Serializer => inner.Serializer;

        public IReadOnlyList<RecordedEvent> ReadStreamFrom(StreamId stream, long fromVersion, int limit)
        {
            StreamReads++;
            return inner.ReadStreamFrom(stream, fromVersion, limit);
        }

        public StreamHead ReadStreamHead(StreamId stream) => inner.ReadStreamHead(stream);

        public long ReadErasedPayloadCount() => inner.ReadErasedPayloadCount();

        public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? idempotency, CancellationToken ct) =>
            inner.AppendAsync(appends, metadata, idempotency, ct);

        public IdempotencyEntry? FindIdempotency(string key) => inner.FindIdempotency(key);

        public IReadOnlyList<StreamId> FindOpenStreams(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes) =>
            inner.FindOpenStreams(category, openingTypes, closingTypes);
    }

    private static async Task<(CommandResult? Result, JournalException? Error)> Outcome(Task<CommandResult> command)
    {
        try
        {
            return (await command, null);
        }
        catch (JournalException ex)
        {
            return (null, ex);
        }
    }
}
