using Journal.Domain.Memory;
using Journal.Domain.Memory.Embeddings;
using Journal.Projections.Memory;

namespace Journal.Projections.Tests.Memory;

public sealed class EmbeddingTests
{
    /// <summary>A provider that is not inline (as a real model's would be) and counts what it embedded.</summary>
    private sealed class CountingProvider(int dimensions) : IMemoryEmbeddingProvider
    {
        private readonly HashingEmbeddingProvider _inner = new(dimensions);
        private int _embedded;

        public string ModelId => "test-model";

        public int Dimensions => dimensions;

        public int Version => 2;

        public int Embedded => Volatile.Read(ref _embedded);

        public async Task<IReadOnlyList<float[]>> EmbedBatchAsync(IReadOnlyList<string> texts, CancellationToken ct)
        {
            Interlocked.Add(ref _embedded, texts.Count);
            return await _inner.EmbedBatchAsync(texts, ct);
        }
    }

    [Fact]
    public async Task MemoryEmbedder_re_embeds_every_item_after_the_provider_changes_and_recall_uses_the_new_vectors()
    {
        var directory = Path.Combine(Path.GetTempPath(), "journal-memory", Guid.NewGuid().ToString("N"));
        try
        {
            Guid related;
            long last;
            await using (var first = await new MemoryFixture(directory: directory).StartAsync())
            {
                related = MemoryFixture.IdOf(await first.Add("the deploy pipeline broke on friday"));
                last = (await first.Add("grandmother bakes apple cake")).Position;
                var item = await first.Mediator.Send(new GetMemoryItemQuery(related, last));
                Assert.Equal("journal-hash-256", item.Embedding!.Model);
            }

            var provider = new CountingProvider(128);
            await using var second = await new MemoryFixture(embeddings: provider, directory: directory).StartAsync();
            var stale = await second.Recall("deployment pipelines", minPosition: last);
            var written = await second.Get<MemoryEmbedder>().RunOnceAsync(default);
            var again = await second.Get<MemoryEmbedder>().RunOnceAsync(default);
            var fresh = await second.Recall("deployment pipelines");
            var info = (await second.Mediator.Send(new GetMemoryItemQuery(related))).Embedding;

            Assert.Empty(stale);
            Assert.Equal(2, written);
            Assert.Equal(0, again);
            Assert.Equal(2 + 2, provider.Embedded); // the two items once, and each recall's query text
            Assert.Equal(new MemoryEmbeddingInfo("test-model", 128, 2), info);
            Assert.Equal(related, Assert.Single(fresh).ItemId);
            Assert.False(fresh[0].Parts.TextMatch);

            var added = await second.Add("a new note about pipelines");
            var withoutVector = await second.Mediator.Send(new GetMemoryItemQuery(MemoryFixture.IdOf(added), added.Position));
            Assert.Null(withoutVector.Embedding);
            Assert.Equal(1, await second.Get<MemoryEmbedder>().RunOnceAsync(default));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
