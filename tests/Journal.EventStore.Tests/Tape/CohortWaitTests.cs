using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Tape;

/// <summary>A group commit stays open for the callers of the previous group (JournalStoreOptions.GroupCommitWaitMs).</summary>
public sealed class CohortWaitTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly StoreFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task A_group_smaller_than_the_last_one_waits_and_takes_the_requests_that_arrive()
    {
        var store = _fixture.Open(o => o with { GroupCommitWaitMs = 1000 });
        await CommitOneGroupOfAsync(store, 4);
        var groupsBefore = store.GroupCommits;

        var first = Task.Run(() => store.AppendAsync(StreamId.Parse("late-0"), ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default));
        Assert.True(SpinWait.SpinUntil(() => store.GroupGathering, Patience), "the group did not wait for the others");
        var others = Enumerable.Range(1, 3)
            .Select(i => store.AppendAsync(StreamId.Parse($"late-{i}"), ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default))
            .ToArray();

        var results = await Task.WhenAll(others.Prepend(first));

        Assert.Equal(1, store.GroupCommits - groupsBefore);
        Assert.Equal([5L, 6L, 7L, 8L], results.Select(r => r.Position).Order());
        Assert.True((await store.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task A_bad_request_that_joins_an_open_group_fails_alone()
    {
        var store = _fixture.Open(o => o with { GroupCommitWaitMs = 1000 });
        await CommitOneGroupOfAsync(store, 3);
        var groupsBefore = store.GroupCommits;

        var first = Task.Run(() => store.AppendAsync(StreamId.Parse("late-0"), ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default));
        Assert.True(SpinWait.SpinUntil(() => store.GroupGathering, Patience), "the group did not wait for the others");
        var bad = store.AppendAsync(StreamId.Parse("held-0"), ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default);
        var good = store.AppendAsync(StreamId.Parse("late-1"), ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default);

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => bad);
        var results = await Task.WhenAll(first, good);

        Assert.Equal(1, error.Actual);
        Assert.Equal(1, store.GroupCommits - groupsBefore);
        Assert.Equal([4L, 5L], results.Select(r => r.Position).Order());
        Assert.Equal(5, (await store.ReadHeadAsync(default)).Seq);
        Assert.True((await store.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task The_wait_runs_out_when_the_others_do_not_come_back()
    {
        var store = _fixture.Open(o => o with { GroupCommitWaitMs = 20 });
        await CommitOneGroupOfAsync(store, 3);
        var waitsBefore = store.CohortWaits;

        var alone = await store.AppendAsync(StreamId.Parse("alone"), ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default);

        Assert.Equal(4, alone.Position);
        Assert.True(store.CohortWaits > waitsBefore, "the group did not wait");
    }

    [Fact]
    public async Task A_lone_caller_never_waits()
    {
        var store = _fixture.Open(o => o with { GroupCommitWaitMs = 1000 });
        for (var i = 0; i < 20; i++)
        {
            await store.AppendAsync(StreamId.Parse("solo"), ExpectedVersion.Exact(i), Events.Many(1), EventMetadata.Empty, default);
        }

        Assert.Equal(0, store.CohortWaits);
        Assert.Equal(20, store.GroupCommits);
    }

    [Fact]
    public async Task With_the_wait_off_a_group_commits_what_is_queued_at_once()
    {
        var store = _fixture.Open(o => o with { GroupCommitWaitMs = 0 });
        await CommitOneGroupOfAsync(store, 4);

        var alone = await store.AppendAsync(StreamId.Parse("alone"), ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default);

        Assert.Equal(5, alone.Position);
        Assert.Equal(0, store.CohortWaits);
    }

    [Fact]
    public async Task An_in_memory_tape_never_waits()
    {
        var store = _fixture.Open(o => o with { InMemory = true, GroupCommitWaitMs = 1000 });
        await CommitOneGroupOfAsync(store, 4);

        var alone = await store.AppendAsync(StreamId.Parse("alone"), ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default);

        Assert.Equal(5, alone.Position);
        Assert.Equal(0, store.CohortWaits);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void Out_of_range_waits_are_refused(int milliseconds)
    {
        var options = new JournalStoreOptions { DatabasePath = _fixture.DatabasePath, GroupCommitWaitMs = milliseconds };
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(nameof(JournalStoreOptions.GroupCommitWaitMs), error.ParamName);
    }

    /// <summary>Commits <paramref name="count"/> appends (streams held-0, held-1, ...) as one group.</summary>
    private static async Task CommitOneGroupOfAsync(SqliteEventStore store, int count)
    {
        var groupsBefore = store.GroupCommits;
        Task<AppendResult>[] appends;
        using (await store.HoldWriterAsync(default))
        {
            appends = Enumerable.Range(0, count)
                .Select(i => store.AppendAsync(StreamId.Parse($"held-{i}"), ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default))
                .ToArray();
        }

        await Task.WhenAll(appends);
        Assert.Equal(1, store.GroupCommits - groupsBefore);
    }
}
