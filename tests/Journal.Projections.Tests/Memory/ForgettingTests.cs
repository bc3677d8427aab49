using Journal.Domain.Memory;
using Journal.Domain.Memory.UseCases;
using Journal.Domain.Tape;
using Journal.Projections.Memory;

namespace Journal.Projections.Tests.Memory;

public sealed class ForgettingTests : IAsyncLifetime
{
    private const string Phrase = "zanzibar quokka marmalade";
    private readonly MemoryFixture _f = new();

    public async Task InitializeAsync() => await _f.StartAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task PurgeMemoryRequest_erases_a_planted_phrase_from_every_database_file_and_the_chain_still_verifies()
    {
        var session = Guid.NewGuid();
        var planted = await _f.Add($"remember the {Phrase} recipe", new MemoryScope("alice", "chat", session), tags: ["secret-recipe"]);
        await _f.Mediator.Send(new UpdateMemoryItemRequest(MemoryFixture.IdOf(planted), ["secret-recipe", "kitchen"], 0.8));
        var kept = await _f.Add("the quokka in the other channel stays", new MemoryScope("alice", "mail"));
        var found = await _f.Recall("zanzibar quokka", new MemoryScope("alice"), kept.Position);
        SqliteFiles.Checkpoint(_f);
        Assert.NotEmpty(SqliteFiles.Containing(_f.Directory, Phrase));

        var report = await _f.Mediator.Send(new PurgeMemoryRequest(new MemoryScope("alice", "chat")));
        var after = await _f.Recall("zanzibar quokka", new MemoryScope("alice"), report.Position);

        Assert.Equal(2, found.Count);
        Assert.Equal([new MemoryRemoval(MemoryFixture.IdOf(planted), MemoryForgetReasons.Purged)], report.Removed);
        Assert.Equal(2, report.ErasedPayloads);
        Assert.Equal([MemoryFixture.IdOf(kept)], after.Select(h => h.ItemId));
        var stream = await _f.Store.ReadStreamAsync(MemoryItemDecider.StreamFor(MemoryFixture.IdOf(planted)), 1, ReadDirection.Forward, 10, default);
        Assert.Equal([true, true, false], stream.Events.Select(e => e.IsErased));
        Assert.True((await _f.Store.VerifyAsync()).IsIntact);
        SqliteFiles.Checkpoint(_f);
        Assert.Empty(SqliteFiles.Containing(_f.Directory, Phrase));
        Assert.Empty(SqliteFiles.Containing(_f.Directory, "zanzibar"));
        Assert.Empty(SqliteFiles.Containing(_f.Directory, "secret-recipe"));
    }

    [Fact]
    public async Task DeleteMemoryItemRequest_forgets_one_item_for_good_and_a_second_delete_writes_nothing()
    {
        var doomed = await _f.Add($"{Phrase} on toast");
        var other = await _f.Add("marmalade on toast");

        var deleted = await _f.Mediator.Send(new DeleteMemoryItemRequest(MemoryFixture.IdOf(doomed)));
        var again = await _f.Mediator.Send(new DeleteMemoryItemRequest(MemoryFixture.IdOf(doomed)));
        var hits = await _f.Recall("marmalade toast", minPosition: deleted.Position);

        Assert.Equal(2, deleted.EventsWritten);
        Assert.Equal(0, again.EventsWritten);
        Assert.Equal([MemoryFixture.IdOf(other)], hits.Select(h => h.ItemId));
        Assert.True((await _f.Store.VerifyAsync()).IsIntact);
        SqliteFiles.Checkpoint(_f);
        Assert.Empty(SqliteFiles.Containing(_f.Directory, "zanzibar"));
    }

    [Fact]
    public async Task PurgeMemoryRequest_narrowed_to_a_session_keeps_the_rest_of_the_principal_and_other_principals()
    {
        var session = Guid.NewGuid();
        var inSession = await _f.Add("apricot jam", new MemoryScope("alice", "chat", session));
        var otherSession = await _f.Add("apricot jam", new MemoryScope("alice", "chat", Guid.NewGuid()));
        var bob = await _f.Add("apricot jam", new MemoryScope("bob", "chat", session));

        var report = await _f.Mediator.Send(new PurgeMemoryRequest(new MemoryScope("alice", null, session)));
        var alice = await _f.Recall("apricot jam", new MemoryScope("alice"), report.Position);
        var bobs = await _f.Recall("apricot jam", new MemoryScope("bob"));
        var nothing = await _f.Mediator.Send(new PurgeMemoryRequest(new MemoryScope("carol")));

        Assert.Equal([MemoryFixture.IdOf(inSession)], report.Removed.Select(r => r.ItemId));
        Assert.Equal([MemoryFixture.IdOf(otherSession)], alice.Select(h => h.ItemId));
        Assert.Equal([MemoryFixture.IdOf(bob)], bobs.Select(h => h.ItemId));
        Assert.Empty(nothing.Removed);
    }

    [Fact]
    public async Task Rebuild_of_the_read_models_after_a_purge_does_not_bring_the_item_back()
    {
        var gone = await _f.Add($"{Phrase} forever");
        var stays = await _f.Add("plain marmalade");
        await _f.Mediator.Send(new PurgeMemoryRequest(new MemoryScope("alice")));
        var back = await _f.Add("plain marmalade again");

        await _f.Daemon.RebuildAsync(null, null, default);
        var hits = await _f.Recall("marmalade", minPosition: back.Position);

        Assert.Equal([MemoryFixture.IdOf(back)], hits.Select(h => h.ItemId));
        Assert.DoesNotContain(hits, h => h.ItemId == MemoryFixture.IdOf(gone) || h.ItemId == MemoryFixture.IdOf(stays));
    }
}
