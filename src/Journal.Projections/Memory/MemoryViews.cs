using Journal.Domain.Memory;

namespace Journal.Projections.Memory;

/// <summary>A live memory item as the read model holds it.</summary>
/// <param name="Content">Its (normalized, redacted) text.</param>
/// <param name="Scope">Where it is stored.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Confidence">0 to 1.</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="UpdatedAt">When its tags or confidence last changed.</param>
/// <param name="ExpiresAt">When its time to live ends, if it has one.</param>
/// <param name="Position">The tape position of its last change.</param>
/// <param name="Embedding">The model its vector was made by; null while it has none (pending).</param>
public sealed record MemoryItemView(
    Guid ItemId,
    string Content,
    MemoryScope Scope,
    IReadOnlyList<string> Tags,
    string Source,
    double Confidence,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ExpiresAt,
    long Position,
    MemoryEmbeddingInfo? Embedding);

/// <summary>
/// Which model made an item's vector. Recall compares it only with a query embedded by the same model at
/// the same length; a vector of another model waits to be re-embedded (see <see cref="MemoryEmbedder"/>).
/// </summary>
/// <param name="Model">The model id (the generator's <c>DefaultModelId</c>).</param>
/// <param name="Dimensions">The vector's length.</param>
public sealed record MemoryEmbeddingInfo(string Model, int Dimensions);

/// <summary>One recalled item, best first, with how its score was made.</summary>
/// <param name="Content">Its text.</param>
/// <param name="Scope">Where it is stored.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Confidence">0 to 1.</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="ExpiresAt">When its time to live ends, if it has one.</param>
/// <param name="Score">The weighted sum of <paramref name="Parts"/>.</param>
/// <param name="Parts">The parts, each from 0 to 1, before weighting.</param>
public sealed record MemoryHit(
    Guid ItemId,
    string Content,
    MemoryScope Scope,
    IReadOnlyList<string> Tags,
    string Source,
    double Confidence,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    double Score,
    MemoryScoreParts Parts);

/// <summary>The parts of a recall score.</summary>
/// <param name="Text">Full-text match, relative to the query's best (0 when no word matched).</param>
/// <param name="Vector">Cosine similarity of the embeddings (negative ones count as 0).</param>
/// <param name="Recency">1 when new, halving every half-life.</param>
/// <param name="Quality">The source's quality times the item's confidence.</param>
/// <param name="TextMatch">Whether the full-text branch found the item (otherwise only its vector did).</param>
/// <param name="VectorSearchable">
/// Whether the item's vector took part: false while the item is pending an embedding by the current
/// model (none yet, or one of another model), or when the query itself could not be embedded; such an
/// item is found by full text only, with <paramref name="Vector"/> 0.
/// </param>
public sealed record MemoryScoreParts(double Text, double Vector, double Recency, double Quality, bool TextMatch, bool VectorSearchable);
