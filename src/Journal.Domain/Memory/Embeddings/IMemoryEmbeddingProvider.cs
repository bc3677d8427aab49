namespace Journal.Domain.Memory.Embeddings;

/// <summary>
/// Turns memory text into vectors for recall. A host plugs in a real model by registering its own
/// provider; every stored vector records the <see cref="ModelId"/>, <see cref="Dimensions"/> and
/// <see cref="Version"/> it was made with, and vectors of another provenance are re-embedded in the
/// background.
/// </summary>
public interface IMemoryEmbeddingProvider
{
    /// <summary>The model's name, such as <c>journal-hash</c>.</summary>
    string ModelId { get; }

    /// <summary>The length of every vector.</summary>
    int Dimensions { get; }

    /// <summary>The version of the model or of its settings; a change re-embeds every item.</summary>
    int Version { get; }

    /// <summary>
    /// One vector per text, in order, each of <see cref="Dimensions"/> floats and L2-normalized (unit
    /// length, or all zeros for a text with nothing to embed), so that a dot product is the cosine.
    /// </summary>
    Task<IReadOnlyList<float[]>> EmbedBatchAsync(IReadOnlyList<string> texts, CancellationToken ct);
}

/// <summary>
/// A provider cheap enough to embed inside the projection's transaction (no I/O, microseconds per
/// text). Items are then recallable by vector as soon as they are projected; other providers' vectors
/// are filled in by the background embedder.
/// </summary>
public interface IInlineMemoryEmbedding
{
    /// <summary>Writes the normalized vector of <paramref name="text"/> into <paramref name="destination"/> (of <see cref="IMemoryEmbeddingProvider.Dimensions"/> floats).</summary>
    void Embed(string text, Span<float> destination);
}
