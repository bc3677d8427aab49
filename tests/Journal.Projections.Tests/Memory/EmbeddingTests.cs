using Journal.Domain.Memory.Embeddings;
using Journal.Projections.Memory;
using Microsoft.Extensions.AI;

namespace Journal.Projections.Tests.Memory;

public sealed class EmbeddingTests
{
    /// <summary>
    /// A host's own generator (not inline, as a real model's would be): vectors from <paramref name="vectorOf"/>,
    /// metadata naming <paramref name="model"/>, and a count of the texts it embedded.
    /// </summary>
    private sealed class HostGenerator(string? model, int dimensions, Func<string, float[]> vectorOf) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private int _embedded;

        public int Embedded => Volatile.Read(ref _embedded);

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            Interlocked.Add(ref _embedded, texts.Count);
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(vectorOf(t)))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("host", null, model, dimensions) : null;

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task MemoryEmbeddings_answers_no_texts_with_no_vectors_when_the_model_names_no_dimension()
    {
        var embeddings = new MemoryEmbeddings(new HostGenerator("remote", 0, _ => [1f, 0f]));

        var vectors = await embeddings.EmbedAsync([], default);

        Assert.Empty(vectors);
        Assert.Null(embeddings.Dimensions);
    }

    private static HostGenerator Hashing(string model, int dimensions)
    {
        var inner = new HashingEmbeddingGenerator(dimensions);
        return new HostGenerator(model, dimensions, text =>
        {
            var vector = new float[dimensions];
            inner.Embed(text, vector);
            return vector;
        });
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

            var provider = Hashing("test-model", 128);
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
            Assert.Equal(new MemoryEmbeddingInfo("test-model", 128), info);
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

    [Fact]
    public async Task AddJournal_uses_the_embedding_generator_the_host_registered()
    {
        // The host's model says "sunrise" means what "aurora" does; no word or trigram is shared.
        static float[] VectorOf(string text) => text.Contains("aurora", StringComparison.Ordinal) || text.Contains("sunrise", StringComparison.Ordinal)
            ? [1, 0, 0, 0]
            : [0, 0, 0, 1];
        var generator = new HostGenerator("host-model-7", 4, VectorOf);
        await using var f = await new MemoryFixture(embeddings: generator).StartAsync();
        var aurora = MemoryFixture.IdOf(await f.Add("aurora over the fjord"));
        var last = await f.Add("tax forms are due in april");

        var written = await f.Get<MemoryEmbedder>().RunOnceAsync(default);
        var hits = await f.Recall("sunrise", minPosition: last.Position);
        var item = await f.Mediator.Send(new GetMemoryItemQuery(aurora));

        Assert.Equal(2, written);
        var hit = Assert.Single(hits);
        Assert.Equal(aurora, hit.ItemId);
        Assert.False(hit.Parts.TextMatch);
        Assert.True(hit.Parts.VectorSearchable);
        Assert.Equal(1.0, hit.Parts.Vector, 5);
        Assert.Equal(new MemoryEmbeddingInfo("host-model-7", 4), item.Embedding);
    }

    [Fact]
    public async Task AddJournal_refuses_to_start_with_a_generator_that_names_no_model()
    {
        var generator = new HostGenerator(null, 4, _ => [1, 0, 0, 0]);
        var f = new MemoryFixture(embeddings: generator);
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(f.StartAsync);

            Assert.Contains("DefaultModelId", error.Message, StringComparison.Ordinal);
            Assert.Contains(nameof(HostGenerator), error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await f.DisposeAsync();
        }
    }
}
