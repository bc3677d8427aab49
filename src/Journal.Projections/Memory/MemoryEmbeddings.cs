using Journal.Domain.Memory.Embeddings;
using Microsoft.Extensions.AI;

namespace Journal.Projections.Memory;

/// <summary>
/// The embedding model memory uses: the registered <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>
/// with the identity every stored vector records. A vector is compared only with vectors of the same
/// <see cref="ModelId"/> and length, so two models' vectors are never mixed. The model id is the
/// generator's <see cref="EmbeddingGeneratorMetadata.DefaultModelId"/>, required: without it vectors of
/// two models could not be told apart.
/// </summary>
public sealed class MemoryEmbeddings
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;

    /// <summary>Wraps <paramref name="generator"/>.</summary>
    /// <exception cref="InvalidOperationException">The generator's metadata names no model, or an inline one no dimension.</exception>
    public MemoryEmbeddings(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        _generator = generator ?? throw new ArgumentNullException(nameof(generator));
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        if (string.IsNullOrWhiteSpace(metadata?.DefaultModelId))
        {
            throw new InvalidOperationException(
                $"the memory embedding generator {generator.GetType().FullName} names no model: its EmbeddingGeneratorMetadata.DefaultModelId must be set, since every stored vector records it so that vectors of two models are never compared");
        }

        ModelId = metadata.DefaultModelId;
        Dimensions = metadata.DefaultModelDimensions is > 0 and var d ? d : null;
        Inline = generator.GetService<IInlineMemoryEmbedding>();
        if (Inline is not null && Inline.Dimensions != (Dimensions ?? Inline.Dimensions))
        {
            throw new InvalidOperationException($"the memory embedding generator {generator.GetType().FullName} says {Dimensions} dimensions but embeds {Inline.Dimensions}");
        }

        Dimensions ??= Inline?.Dimensions;
    }

    /// <summary>The model id every vector made now records.</summary>
    public string ModelId { get; }

    /// <summary>The length of the vectors, when the generator says (otherwise whatever the model returns, the same for every text).</summary>
    public int? Dimensions { get; }

    /// <summary>The in-process embedding the projection runs itself, when the generator offers one.</summary>
    internal IInlineMemoryEmbedding? Inline { get; }

    /// <summary>
    /// One unit vector per text, in order (a vector the model did not normalize is scaled to unit length,
    /// so that a dot product is the cosine). Runs the inline embedding when there is one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model answered a wrong number of vectors, of a wrong or uneven length, or with a value that is not a number.</exception>
    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        if (Inline is { } inline)
        {
            var vectors = new float[texts.Count][];
            for (var i = 0; i < texts.Count; i++)
            {
                vectors[i] = new float[inline.Dimensions];
                inline.Embed(texts[i], vectors[i]);
            }

            return vectors;
        }

        var generated = await _generator.GenerateAsync(texts, null, ct).ConfigureAwait(false);
        if (generated.Count != texts.Count)
        {
            throw new InvalidOperationException($"embedding model {ModelId} answered {generated.Count} vectors for {texts.Count} texts");
        }

        var length = Dimensions ?? generated[0].Vector.Length;
        var result = new float[texts.Count][];
        for (var i = 0; i < generated.Count; i++)
        {
            var vector = generated[i].Vector.Span;
            if (vector.Length != length || length == 0)
            {
                throw new InvalidOperationException($"embedding model {ModelId} answered a vector of {vector.Length} dimensions where {length} were expected");
            }

            result[i] = Normalized(vector) ?? throw new InvalidOperationException($"embedding model {ModelId} answered a vector holding a value that is not a finite number");
        }

        return result;
    }

    private static float[]? Normalized(ReadOnlySpan<float> vector)
    {
        var sum = 0.0;
        foreach (var x in vector)
        {
            if (!float.IsFinite(x))
            {
                return null;
            }

            sum += (double)x * x;
        }

        var copy = vector.ToArray();

        // Vectors already of unit length (the usual case) are kept bit for bit.
        if (sum > 0 && Math.Abs(sum - 1) > 1e-4)
        {
            var scale = (float)(1 / Math.Sqrt(sum));
            for (var i = 0; i < copy.Length; i++)
            {
                copy[i] *= scale;
            }
        }

        return copy;
    }
}
