using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Erasure;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Tape;

/// <summary>
/// An erasure writes as it checks (each payload is nulled before the next position is looked up), so
/// inside a group only its savepoint keeps a refused erasure from leaving half of itself on the tape.
/// </summary>
public sealed class GroupErasureTests : IAsyncLifetime
{
    private static readonly StreamId Memory = StreamId.Parse("memory-1");
    private readonly StoreFixture _fixture = new();
    private SqliteEventStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = _fixture.Open();
        await _store.AppendAsync(Memory, ExpectedVersion.NoStream, Events.Many(6), EventMetadata.Empty, default);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Writer_undoes_an_erasure_that_fails_part_way_inside_a_group_and_commits_the_rest()
    {
        var groupsBefore = _store.GroupCommits;
        Task<AppendResult> before;
        Task<ErasureResult> erasure;
        Task<AppendResult> after;
        using (await _store.HoldWriterAsync(default))
        {
            before = _store.AppendAsync(StreamId.Parse("other-1"), ExpectedVersion.NoStream, Events.Many(1, "before"), EventMetadata.Empty, default);

            // Seq 2 exists and is erased first (positions are taken in order); seq 99 does not exist.
            erasure = _store.ErasePayloadsAsync([2, 99], "forget me", new EventMetadata(Actor: "ops"), default);
            after = _store.AppendAsync(StreamId.Parse("other-2"), ExpectedVersion.NoStream, Events.Many(1, "after"), EventMetadata.Empty, default);
        }

        var error = await Assert.ThrowsAsync<NotFoundException>(() => erasure);
        var committed = await Task.WhenAll(before, after);

        Assert.Equal("event.not_found", error.Code);
        Assert.Equal(1, _store.GroupCommits - groupsBefore);
        Assert.Equal([7L, 8L], committed.Select(r => r.Position));
        Assert.Equal(8, (await _store.ReadHeadAsync(default)).Seq);

        var good = Assert.Single(_store.ReadPage(2, 1));
        Assert.False(good.IsErased, "seq 2 lost its payload: part of the refused erasure stayed");
        Assert.Equal("e2", Assert.IsType<Happened>(_store.Serializer.Decode(good.EventType, good.Payload!.Value)).Text);
        Assert.Equal(0, await _store.ReadStreamVersionAsync(PayloadsErased.Stream, default));
        Assert.Equal(0, _store.ReadStats().ErasedPayloads);

        var report = await _store.VerifyAsync();
        Assert.True(report.IsIntact, report.FirstMismatch?.ToString());
        Assert.Equal(8, report.EventsChecked);
        Assert.Equal(0, report.ErasedPayloads);
    }
}
