namespace Journal.Domain.Memory.Embeddings;

/// <summary>
/// An embedding cheap enough to run inside the memory projection's transaction (no I/O, microseconds
/// per text). A generator offers it through <c>GetService</c>; items are then vector-searchable as soon
/// as they are projected. A generator without it (a remote model) is called by the background embedder
/// only, never by the projection.
/// </summary>
public interface IInlineMemoryEmbedding
{
    /// <summary>The length of every vector.</summary>
    int Dimensions { get; }

    /// <summary>Writes the unit vector of <paramref name="text"/> (all zeros for a text with nothing to embed) into <paramref name="destination"/>, of <see cref="Dimensions"/> floats.</summary>
    void Embed(string text, Span<float> destination);
}
