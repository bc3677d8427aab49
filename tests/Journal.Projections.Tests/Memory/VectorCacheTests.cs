using Journal.Domain.Memory;
using Journal.Domain.Memory.UseCases;
using Journal.Projections.Memory;

namespace Journal.Projections.Tests.Memory;

public sealed class VectorCacheTests : IAsyncLifetime
{
    private readonly MemoryFixture _f = new();

    public async Task InitializeAsync() => await _f.StartAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task MemoryVectorIndex_extends_a_principal_with_added_items_and_reloads_after_an_update_or_a_forget()
    {
        var index = _f.Get<MemoryVectorIndex>();
        var first = await _f.Add("the deploy pipeline broke on friday");
        var before = await _f.Recall("deployment pipelines", minPosition: first.Position);
        var loadsAfterFirst = index.FullLoads;

        // Enough items to cross a chunk boundary, so the extension both copies the partial chunk and adds new ones.
        await Task.WhenAll(Enumerable.Range(0, MemoryVectorSet.ChunkSize).Select(i => _f.Add($"filler note {i} about gardening")));
        var last = await _f.Add("a second deployment pipeline rollout plan");
        var extended = await _f.Recall("deployment pipelines", minPosition: last.Position, limit: 100);
        var extensions = index.Extensions;
        var loadsBeforeForget = index.FullLoads;
        var forgotten = await _f.Mediator.Send(new DeleteMemoryItemRequest(MemoryFixture.IdOf(first)));
        var afterForget = await _f.Recall("deployment pipelines", minPosition: forgotten.Position, limit: 100);

        Assert.Equal(MemoryFixture.IdOf(first), Assert.Single(before).ItemId);
        Assert.Equal(loadsAfterFirst, loadsBeforeForget);
        Assert.True(extensions >= 1);
        // A hit's vector part comes from the cached set only: a positive one proves the set holds the item.
        Assert.Contains(extended, h => h.ItemId == MemoryFixture.IdOf(last) && h.Parts.Vector > 0.25);
        Assert.Contains(extended, h => h.ItemId == MemoryFixture.IdOf(first) && h.Parts.Vector > 0.25);
        Assert.Equal(loadsBeforeForget + 1, index.FullLoads);
        Assert.DoesNotContain(afterForget, h => h.ItemId == MemoryFixture.IdOf(first));
        Assert.Contains(afterForget, h => h.ItemId == MemoryFixture.IdOf(last) && h.Parts.Vector > 0.25);
    }

    [Fact]
    public async Task MemoryVectorSet_scores_every_vector_across_chunks_like_a_plain_scan()
    {
        var added = await Task.WhenAll(Enumerable.Range(0, MemoryVectorSet.ChunkSize + 50).Select(i => _f.Add($"note {i} on topic {i % 97}", new MemoryScope("carol"))));
        var hits = await _f.Recall("topic 42 note", new MemoryScope("carol"), added.Max(a => a.Position), limit: 100);

        Assert.Equal(100, hits.Count);
        Assert.All(hits.Take(10), h => Assert.EndsWith("topic 42", h.Content, StringComparison.Ordinal));
    }
}
