using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Tape;

public sealed class GroupCommitTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();
    private SqliteEventStore _store = null!;

    public Task InitializeAsync()
    {
        _store = _fixture.Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Writer_commits_queued_appends_as_one_group_and_fails_only_the_bad_one()
    {
        await _store.AppendAsync(StreamId.Parse("taken-1"), ExpectedVersion.Any, Events.Many(1), EventMetadata.Empty, default);
        var groupsBefore = _store.GroupCommits;
        Task<AppendResult>[] appends;
        Task<AppendResult> bad;
        using (await _store.HoldWriterAsync(default))
        {
            appends = Enumerable.Range(0, 16)
                .Select(i => _store.AppendAsync(StreamId.Parse($"caller-{i}"), ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default))
                .ToArray();
            bad = _store.AppendAsync(StreamId.Parse("taken-1"), ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default);
        }

        var results = await Task.WhenAll(appends);
        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => bad);

        Assert.Equal(1, error.Actual);
        Assert.Equal(1, _store.GroupCommits - groupsBefore);
        Assert.Equal(Enumerable.Range(2, 16).Select(i => (long)i), results.Select(r => r.Position).Order());
        Assert.Equal(17, (await _store.ReadHeadAsync(default)).Seq);
        Assert.True((await _store.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Writer_gives_each_caller_its_own_positions_when_many_write_at_once()
    {
        const int callers = 16;
        const int appendsEach = 40;
        var tasks = Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var positions = new List<long>();
            for (var i = 0; i < appendsEach; i++)
            {
                var stream = StreamId.Parse($"writer-{c}");
                var result = await _store.AppendAsync(stream, ExpectedVersion.Exact(i), [Events.Happened($"{c}:{i}", i)], EventMetadata.Empty, default);
                positions.Add(result.Position);
            }

            return positions;
        })).ToArray();

        var all = (await Task.WhenAll(tasks)).SelectMany(p => p).ToList();

        Assert.Equal(callers * appendsEach, all.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, callers * appendsEach).Select(i => (long)i), all.Order());
        var report = await _store.VerifyAsync();
        Assert.True(report.IsIntact);
        Assert.Equal(callers * appendsEach, report.EventsChecked);
        for (var c = 0; c < callers; c++)
        {
            var slice = await _store.ReadStreamAsync(StreamId.Parse($"writer-{c}"), 1, ReadDirection.Forward, 100, default);
            Assert.Equal(Enumerable.Range(0, appendsEach).Select(i => $"{c}:{i}"), slice.Events.Select(e => ((Happened)_store.Serializer.Decode(e.EventType, e.Payload!.Value)!).Text));
        }
    }

    [Fact]
    public async Task Writer_lets_exactly_one_of_two_racing_appends_win_the_same_version()
    {
        var stream = StreamId.Parse("race-1");
        await _store.AppendAsync(stream, ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default);
        Task<AppendResult> first;
        Task<AppendResult> second;
        using (await _store.HoldWriterAsync(default))
        {
            first = _store.AppendAsync(stream, ExpectedVersion.Exact(1), Events.Many(1, "first"), EventMetadata.Empty, default);
            second = _store.AppendAsync(stream, ExpectedVersion.Exact(1), Events.Many(1, "second"), EventMetadata.Empty, default);
        }

        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is WrongExpectedVersionException);
        Assert.Equal(2, await _store.ReadStreamVersionAsync(stream, default));
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
