using Journal.Domain.Memory.Embeddings;
using Microsoft.Extensions.AI;

namespace Journal.Domain.Tests.Memory;

public class HashingEmbeddingSpecs
{
    private static float Cosine(float[] a, float[] b) => a.Zip(b).Sum(p => p.First * p.Second);

    private static float[] Embed(HashingEmbeddingGenerator provider, string text)
    {
        var vector = new float[provider.Dimensions];
        provider.Embed(text, vector);
        return vector;
    }

    [Theory]
    [InlineData(256)]
    [InlineData(1000)]
    public void Given_many_distinct_words_When_embedded_Then_every_dimension_is_reached_with_both_signs(int dimensions)
    {
        var provider = new HashingEmbeddingGenerator(dimensions);
        var reached = new bool[dimensions];
        var positive = 0;
        var negative = 0;
        for (var i = 0; i < 50 * dimensions; i++)
        {
            var (dimension, sign) = provider.Bucket(StableHash.Of("word" + i));
            reached[dimension] = true;
            positive += sign > 0 ? 1 : 0;
            negative += sign < 0 ? 1 : 0;
        }

        var nonZero = new bool[dimensions];
        for (var i = 0; i < 20 * dimensions / 10; i++)
        {
            var vector = Embed(provider, string.Join(' ', Enumerable.Range(i * 10, 10).Select(n => "token" + n)));
            for (var d = 0; d < dimensions; d++)
            {
                nonZero[d] |= vector[d] != 0;
            }
        }

        Assert.All(reached, Assert.True);
        Assert.All(nonZero, Assert.True);
        Assert.InRange(positive, 20 * dimensions, 30 * dimensions);
        Assert.Equal(50 * dimensions, positive + negative);
    }

    [Fact]
    public void Given_a_text_When_embedded_twice_and_by_another_instance_Then_the_same_unit_vector()
    {
        var a = Embed(new HashingEmbeddingGenerator(), "The Deploy pipeline runs at noon");
        var b = Embed(new HashingEmbeddingGenerator(), "the deploy   PIPELINE runs at noon!");

        Assert.Equal(a, b);
        Assert.Equal(1.0, Math.Sqrt(a.Sum(x => (double)x * x)), 5);
        Assert.Equal(StableHash.Of("abc", 7), StableHash.Of("abc", 7));
        Assert.NotEqual(StableHash.Of("abc", 7), StableHash.Of("abd", 7));
    }

    [Fact]
    public void Given_related_and_unrelated_texts_When_embedded_Then_the_related_one_is_closer()
    {
        var provider = new HashingEmbeddingGenerator();
        var query = Embed(provider, "deployment pipelines");
        var related = Embed(provider, "the deploy pipeline broke on friday");
        var unrelated = Embed(provider, "grandmother bakes apple cake");

        Assert.True(Cosine(query, related) > Cosine(query, unrelated) + 0.2, $"{Cosine(query, related)} vs {Cosine(query, unrelated)}");
    }

    [Fact]
    public async Task Given_a_batch_When_generated_Then_one_vector_per_text_in_order_and_empty_text_gives_zeros()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = new HashingEmbeddingGenerator();
        var provider = (HashingEmbeddingGenerator)generator;

        var vectors = await generator.GenerateAsync(["alpha", "", "beta"], cancellationToken: CancellationToken.None);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(3, vectors.Count);
        Assert.Equal(Embed(provider, "alpha"), vectors[0].Vector.ToArray());
        Assert.All(vectors[1].Vector.ToArray(), x => Assert.Equal(0f, x));
        Assert.Equal(Embed(provider, "beta"), vectors[2].Vector.ToArray());
        Assert.All(vectors, v => Assert.Equal("journal-hash-256", v.ModelId));
        Assert.Equal(("journal-hash-256", 256), (metadata!.DefaultModelId, metadata.DefaultModelDimensions));
        Assert.Same(provider, generator.GetService<IInlineMemoryEmbedding>());
    }
}
