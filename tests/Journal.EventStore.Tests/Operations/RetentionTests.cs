using Journal.Domain.Retention;
using Journal.Domain.Tape;
using Journal.EventStore.Retention;
using Journal.EventStore.Serialization;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Operations;

public sealed class RetentionTests : IAsyncLifetime
{
    private static readonly EventTypeRegistry Registry = new([typeof(Happened).Assembly, typeof(LegalHoldPlaced).Assembly]);
    private readonly TempDirectory _directory = new();
    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private SqliteEventStore _store = null!;

    public Task InitializeAsync()
    {
        _store = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = _directory.File("journal.db") }, Registry, _clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task RunAsync_erases_what_the_policy_names_and_nothing_else_and_the_chain_still_verifies()
    {
        var oldNoted = await Append("chat-1", Events.Noted("old note"));         // type rule, 10 days: erased
        var oldHappened = await Append("chat-1", Events.Happened("old fact"));   // no rule for this type on chat: kept
        var oldSession = await Append("session-1", Events.Happened("old step")); // category rule, 20 days: erased
        var oldBoth = await Append("session-1", Events.Noted("both rules"));     // both match: the 20-day rule wins, still old enough
        _clock.Advance(TimeSpan.FromDays(15));
        var midNote = await Append("session-1", Events.Noted("15 days before the run")); // both match, 20 days applies: kept
        var midChat = await Append("chat-2", Events.Noted("recent on chat"));    // 10-day rule, younger than 10 days at the run: kept
        _clock.Advance(TimeSpan.FromDays(10));
        var rules = new[] { new RetentionRule("test.noted.v1", null, 10), new RetentionRule(null, "session", 20) };

        var report = await TapeRetention.RunAsync(_store, rules, _clock.GetUtcNow(), default);

        Assert.Equal(new[] { oldNoted, oldSession, oldBoth }, report.ErasedSeqs);
        Assert.Equal(3, report.Erased);
        Assert.Equal(1, report.Rules[0].Erased);
        Assert.Equal(2, report.Rules[1].Erased);
        foreach (var kept in new[] { oldHappened, midNote })
        {
            Assert.False(_store.ReadPage(kept, 1)[0].IsErased);
        }

        Assert.False(_store.ReadPage(midChat, 1)[0].IsErased);
        Assert.True(_store.ReadPage(oldNoted, 1)[0].IsErased);
        var verified = await _store.VerifyAsync();
        Assert.True(verified.IsIntact);
        Assert.Equal(3, verified.ErasedPayloads);
    }

    [Fact]
    public async Task RunAsync_leaves_a_stream_on_legal_hold_alone_until_the_hold_is_released()
    {
        var held = await Append("session-held", Events.Happened("evidence"));
        var free = await Append("session-free", Events.Happened("ordinary"));
        await Append("legalhold-session-held", new EventData(Guid.NewGuid(), "journal.legal_hold_placed.v1", new LegalHoldPlaced("session-held", "case 42", "legal", _clock.GetUtcNow())));
        _clock.Advance(TimeSpan.FromDays(40));
        var rules = new[] { new RetentionRule(null, "session", 30) };

        var during = await TapeRetention.RunAsync(_store, rules, _clock.GetUtcNow(), default);
        await Append("legalhold-session-held", new EventData(Guid.NewGuid(), "journal.legal_hold_released.v1", new LegalHoldReleased("session-held", "legal", _clock.GetUtcNow())));
        var after = await TapeRetention.RunAsync(_store, rules, _clock.GetUtcNow(), default);

        Assert.Equal(new[] { free }, during.ErasedSeqs);
        Assert.Equal(new[] { "session-held" }, during.HeldStreams);
        Assert.Equal(1, during.SkippedHeld);
        Assert.Equal(new[] { held }, after.ErasedSeqs);
        Assert.Empty(after.HeldStreams);
        Assert.True((await _store.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task RunAsync_refuses_a_rule_without_a_selector()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => TapeRetention.RunAsync(_store, [new RetentionRule(null, null, 5)], _clock.GetUtcNow(), default));
    }

    private async Task<long> Append(string stream, EventData data) =>
        (await _store.AppendAsync(StreamId.Parse(stream), ExpectedVersion.Any, [data], EventMetadata.Empty, default)).Position;
}
