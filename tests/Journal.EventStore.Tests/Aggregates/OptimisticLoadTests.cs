using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Aggregates;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Aggregates;

/// <summary>
/// Inside an optimistic attempt a command decides on the state the store remembers without reading the
/// tape. Another store on the same file (another process) can make that state stale; the append's exact
/// expected version, the save's check of what it confirms and one more attempt with fresh reads must keep
/// every answer and every write what a command reading the tape first would have produced.
/// </summary>
public sealed class OptimisticLoadTests : IAsyncLifetime
{
    private static readonly StreamId Texts = StreamId.Parse("texts-1");
    private static readonly StreamId Copies = StreamId.Parse("copies-1");
    private readonly StoreFixture _fixture = new();
    private SqliteEventStore _store = null!;
    private SqliteEventStore _other = null!;
    private AggregateStore _aggregates = null!;
    private int _attempts;

    public Task InitializeAsync()
    {
        _store = _fixture.Open();
        _other = _fixture.Open();
        _aggregates = new AggregateStore(_store, _fixture.Clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task A_remembered_state_is_decided_on_without_a_read_and_a_refusal_it_caused_is_run_again_on_fresh_state()
    {
        await Run(() => AddText("a", expectedCount: 0));
        await _other.AppendAsync(Texts, ExpectedVersion.Exact(1), [Events.Happened("other")], EventMetadata.Empty, default);

        var result = await Run(() => AddText("b", expectedCount: 2));

        Assert.Equal(2, _attempts);
        Assert.Equal(3, result.StreamVersion);
        Assert.Equal(["a", "other", "b"], await ReadTexts(Texts));
    }

    [Fact]
    public async Task A_decision_on_a_stale_state_is_never_written_and_the_command_succeeds_on_fresh_state()
    {
        await Run(() => AddText("a", expectedCount: null));
        await _other.AppendAsync(Texts, ExpectedVersion.Exact(1), [Events.Happened("other")], EventMetadata.Empty, default);

        var result = await Run(() => AddText("b", expectedCount: null));

        Assert.Equal(2, _attempts);
        Assert.Equal(3, result.StreamVersion);
        Assert.Equal(["a", "other", "b"], await ReadTexts(Texts));
    }

    [Fact]
    public async Task A_command_whose_loads_all_read_the_tape_runs_once()
    {
        var result = await Run(() => AddText("a", expectedCount: 0));

        Assert.Equal(1, _attempts);
        Assert.Equal(1, result.StreamVersion);
    }

    [Fact]
    public async Task A_refusal_on_a_remembered_state_that_is_still_the_latest_is_the_answer_after_one_run()
    {
        await Run(() => AddText("a", expectedCount: 0));

        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => Run(() => AddText("b", expectedCount: 5)));

        Assert.Equal("test.count", refused.Code);
        Assert.Equal(1, _attempts);
        Assert.Equal(["a"], await ReadTexts(Texts));
    }

    [Fact]
    public async Task A_refusal_that_fresh_state_confirms_is_the_answer_after_a_second_run_and_writes_nothing()
    {
        await Run(() => AddText("a", expectedCount: 0));
        await _other.AppendAsync(Texts, ExpectedVersion.Exact(1), [Events.Happened("other")], EventMetadata.Empty, default);

        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => Run(() => AddText("b", expectedCount: 5)));

        Assert.Equal("test.count", refused.Code);
        Assert.Equal(2, _attempts);
        Assert.Equal(["a", "other"], await ReadTexts(Texts));
    }

    [Fact]
    public async Task Two_commands_racing_on_a_remembered_state_let_exactly_one_win_as_after_a_read()
    {
        await Run(() => AddText("a", expectedCount: null));
        Task<CommandResult> first;
        Task<CommandResult> second;
        using (await _store.HoldWriterAsync(default))
        {
            first = OptimisticRun(() => AddText("first", expectedCount: 1));
            second = OptimisticRun(() => AddText("second", expectedCount: 1));
            while (_store.QueuedWrites < 2)
            {
                await Task.Yield();
            }
        }

        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is WrongExpectedVersionException);
        Assert.Equal(2, (await ReadTexts(Texts)).Count);
    }

    [Fact]
    public async Task An_attempt_that_wrote_is_never_repeated_even_when_it_fails_afterwards()
    {
        await Run(() => AddText("a", expectedCount: 0));

        await Assert.ThrowsAsync<RuleViolationException>(() => Run(async () =>
        {
            await AddText("b", expectedCount: 1);
            throw new RuleViolationException("test.after_write", "failed after its write");
        }));

        Assert.Equal(1, _attempts);
        Assert.Equal(["a", "b"], await ReadTexts(Texts));
    }

    [Fact]
    public async Task A_decision_resting_on_a_remembered_state_it_does_not_save_waits_for_a_fresh_read()
    {
        await Run(() => AddText("a", expectedCount: 0));
        await _other.AppendAsync(Texts, ExpectedVersion.Exact(1), [Events.Happened("other")], EventMetadata.Empty, default);

        await Run(CopyCount);

        Assert.Equal(2, _attempts);
        Assert.Equal(["texts=2"], await ReadTexts(Copies));
    }

    [Fact]
    public async Task A_decision_resting_on_a_remembered_state_it_does_not_save_is_written_at_once_when_that_state_is_current()
    {
        await Run(() => AddText("a", expectedCount: 0));

        await Run(CopyCount);

        Assert.Equal(1, _attempts);
        Assert.Equal(["texts=1"], await ReadTexts(Copies));
    }

    [Fact]
    public async Task A_refused_append_after_the_attempt_wrote_surfaces_and_nothing_is_written_twice()
    {
        await Run(() => AddText("a", expectedCount: 0));
        await Run(CopyCount);

        var refused = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Run(async () =>
        {
            // Texts is served from memory before the first write and saved after another store moved it.
            var texts = await LoadAsync(Texts);
            await CopyCount();
            await _other.AppendAsync(Texts, ExpectedVersion.Exact(1), [Events.Happened("other")], EventMetadata.Empty, default);
            return await _aggregates.SaveAsync([new AggregateChange(Texts, texts.Version, [new Happened("b")], new TextsState([.. texts.State.Texts, "b"]))], new TestCommand(), default);
        }));

        Assert.Equal(1, _attempts);
        Assert.Equal("texts-1", refused.Stream);
        Assert.Equal(["texts=1", "texts=1"], await ReadTexts(Copies));
        Assert.Equal(["a", "other"], await ReadTexts(Texts));
    }

    [Fact]
    public async Task An_event_this_writer_committed_before_the_state_was_served_makes_the_command_run_again_not_refuse()
    {
        await Run(() => AddText("a", expectedCount: null));
        await _store.AppendAsync(Texts, ExpectedVersion.Exact(1), [Events.Happened("direct")], EventMetadata.Empty, default);

        var result = await Run(() => AddText("b", expectedCount: null));

        Assert.Equal(2, _attempts);
        Assert.Equal(3, result.StreamVersion);
        Assert.Equal(["a", "direct", "b"], await ReadTexts(Texts));
    }

    [Fact]
    public async Task A_command_that_changes_nothing_after_a_remembered_load_answers_from_fresh_state()
    {
        await Run(() => AddText("a", expectedCount: 0));
        await _other.AppendAsync(Texts, ExpectedVersion.Exact(1), [Events.Happened("other")], EventMetadata.Empty, default);

        var seen = await Run(async () =>
        {
            var loaded = await LoadAsync(Texts);
            return new CommandResult(Texts.Value, loaded.Version, loaded.Position, 0);
        });

        Assert.Equal(2, _attempts);
        Assert.Equal(2, seen.StreamVersion);
    }

    /// <summary>What an optimistic behaviour does around a handler, counting the handler's runs.</summary>
    private Task<CommandResult> Run(Func<Task<CommandResult>> handler)
    {
        _attempts = 0;
        return _aggregates.RunOptimisticAsync(() =>
        {
            _attempts++;
            return handler();
        });
    }

    private Task<CommandResult> OptimisticRun(Func<Task<CommandResult>> handler) => Task.Run(() => _aggregates.RunOptimisticAsync(handler));

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (JournalException ex)
        {
            return ex;
        }
    }

    /// <summary>A handler: appends a text when the stream holds <paramref name="expectedCount"/> texts (any count when null).</summary>
    private async Task<CommandResult> AddText(string text, int? expectedCount)
    {
        var loaded = await LoadAsync(Texts);
        if (expectedCount is { } count && loaded.State.Texts.Count != count)
        {
            throw new RuleViolationException("test.count", $"expected {count} texts, found {loaded.State.Texts.Count}");
        }

        return await _aggregates.SaveAsync([new AggregateChange(Texts, loaded.Version, [new Happened(text)], new TextsState([.. loaded.State.Texts, text]))], new TestCommand(), default);
    }

    /// <summary>A handler that decides on one stream and writes another.</summary>
    private async Task<CommandResult> CopyCount()
    {
        var texts = await LoadAsync(Texts);
        var copies = await LoadAsync(Copies);
        var text = $"texts={texts.State.Texts.Count}";
        return await _aggregates.SaveAsync([new AggregateChange(Copies, copies.Version, [new Happened(text)], new TextsState([.. copies.State.Texts, text]))], new TestCommand(), default);
    }

    private Task<Loaded<TextsState>> LoadAsync(StreamId stream) =>
        _aggregates.LoadAsync<TextsState, Happened>(stream, new TextsState([]), (state, e) => new TextsState([.. state.Texts, e.Text]), default);

    private async Task<IReadOnlyList<string>> ReadTexts(StreamId stream)
    {
        var slice = await _store.ReadStreamAsync(stream, 1, ReadDirection.Forward, 100, default);
        return slice.Events.Select(e => ((Happened)_store.Serializer.Decode(e.EventType, e.Payload!.Value.Span)!).Text).ToList();
    }

    /// <summary>An aggregate's state (a concrete type: the store remembers states by their type).</summary>
    private sealed record TextsState(IReadOnlyList<string> Texts);

    private sealed record TestCommand : ICommand
    {
        public CommandContext Context => CommandContext.None;
    }
}
