namespace Journal.Projections.Memory;

/// <summary>Settings of the memory feature: recall's weights, retention, the background embedder.</summary>
public sealed record MemoryOptions
{
    /// <summary>How recall weighs the parts of a hit's score.</summary>
    public MemoryRecallWeights Weights { get; init; } = new();

    /// <summary>The least cosine similarity a hit found only by its vector needs (no word in common).</summary>
    public double MinVectorSimilarity { get; init; } = 0.25;

    /// <summary>After this long, an item's recency part is half what it was when new.</summary>
    public TimeSpan RecencyHalfLife { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Candidates each branch of recall passes to the fusion, per hit asked for (at least 50 in all).</summary>
    public int CandidatesPerHit { get; init; } = 5;

    /// <summary>What the retention pass removes.</summary>
    public MemoryRetentionPolicy Retention { get; init; } = new();

    /// <summary>How often the retention pass runs; <see cref="Timeout.InfiniteTimeSpan"/> turns it off.</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often the embedder looks for items without a current vector; <see cref="Timeout.InfiniteTimeSpan"/> turns it off.</summary>
    public TimeSpan EmbeddingInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Texts per call to the embedding model.</summary>
    public int EmbeddingBatchSize { get; init; } = 64;

    /// <summary>
    /// The longest the embedder waits for one batch; a batch not answered by then stays pending and is
    /// tried again at the next pass.
    /// </summary>
    public TimeSpan EmbeddingTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a recall waits for its query's embedding; past it, the recall answers by full text alone.</summary>
    public TimeSpan QueryEmbeddingTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most bytes the recall cache holds, over every principal (vectors, row ids, filters and the
    /// collections' overhead, as <see cref="MemoryVectorIndex.CachedBytes"/> counts them). The least
    /// recently recalled principals are dropped first; a principal larger than the whole budget is never
    /// cached, its recall scans the read model instead (rows read in place: the scan allocates the same
    /// whatever the principal's size). Each time the dropped sets add up to another half budget, the cache asks
    /// for one background collection, so dead sets do not pile up. 64 MiB holds a 100,000-item principal of
    /// 256-dimension vectors quantized (about 36 MiB), or about 55,000 items at full precision.
    /// </summary>
    public long VectorCacheBytes { get; init; } = DefaultVectorCacheBytes;

    /// <summary>
    /// Whether the recall cache holds vectors as int8 with one scale per vector (a quarter of the bytes):
    /// the scan ranks on them, then the best <see cref="RerankFactor"/> times as many candidates as recall
    /// needs are scored again at full precision from the read model, so the hits are those of a full
    /// precision scan.
    /// </summary>
    public bool QuantizeVectors { get; init; } = true;

    /// <summary>How many candidates the int8 scan keeps per candidate recall needs, for the full-precision rerank.</summary>
    public int RerankFactor { get; init; } = 4;

    /// <summary>The default <see cref="VectorCacheBytes"/>: 64 MiB.</summary>
    public const long DefaultVectorCacheBytes = 64L * 1024 * 1024;
}

/// <summary>Weights of the four parts of a recall score (each part is from 0 to 1).</summary>
/// <param name="Text">The full-text match (bm25, relative to the best match of the query).</param>
/// <param name="Vector">The cosine similarity of the embeddings.</param>
/// <param name="Recency">How new the item is (halves every <see cref="MemoryOptions.RecencyHalfLife"/>).</param>
/// <param name="Quality">The source's quality times the item's confidence.</param>
public sealed record MemoryRecallWeights(double Text = 0.45, double Vector = 0.35, double Recency = 0.1, double Quality = 0.1);

/// <summary>
/// What retention removes, beyond each item's own time to live (always applied). Counts and bytes are
/// per principal: the oldest items go first.
/// </summary>
/// <param name="MaxAgeDays">Items older than this many days, when set.</param>
/// <param name="MaxItems">The most items a principal keeps, when set.</param>
/// <param name="MaxBytes">The most content bytes (UTF-8) a principal keeps, when set.</param>
public sealed record MemoryRetentionPolicy(int? MaxAgeDays = null, int? MaxItems = null, long? MaxBytes = null);
