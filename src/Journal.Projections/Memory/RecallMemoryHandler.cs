using System.Text.Json;
using Journal.Domain.Errors;
using Journal.Domain.Memory;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Journal.Projections.Memory;

/// <summary>
/// The top items for a text within a scope: the fusion of a full-text branch (FTS5, bm25; the text is
/// only ever plain quoted words, see <see cref="MemoryFtsQuery"/>) and a vector branch (cosine over
/// every vector of the scope made by the current model at the query's length; vectors of another model
/// are never compared), plus recency and source quality, weighted by <see cref="MemoryOptions.Weights"/>
/// (or <paramref name="Weights"/>). An item found only by its vector needs
/// <see cref="MemoryOptions.MinVectorSimilarity"/>. When the model cannot embed the query within
/// <see cref="MemoryOptions.QueryEmbeddingTimeout"/> the recall answers by full text alone. Expired items
/// are never returned. Vectors come from <see cref="MemoryVectorIndex"/> (int8 candidates reranked at full
/// precision from the read model when quantized) or, for a principal larger than the cache's budget, from a
/// scan of the read model: every path ranks by the same full-precision similarity. When the principal's cached
/// set holds every one of its items, the full-text branch is scored in memory (<see cref="MemoryTextScorer"/>, the
/// same bm25) instead of by FTS5's statement.
/// </summary>
/// <param name="Text">What to recall (1 to 2000 characters).</param>
/// <param name="Scope">A principal, optionally narrowed to a channel and/or a session.</param>
/// <param name="Limit">How many hits, 1 to 100 (10 when null).</param>
/// <param name="Tags">Only items carrying every one of these tags, when given.</param>
/// <param name="Sources">Only items from one of these sources, when given.</param>
/// <param name="Weights">Weights for this recall only, when given.</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record RecallMemoryQuery(
    string Text,
    MemoryScope Scope,
    int? Limit = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? Sources = null,
    MemoryRecallWeights? Weights = null,
    long? MinPosition = null) : IRequest<IReadOnlyList<MemoryHit>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [MemoryProjection.ProjectionName];
}

/// <summary>Handles <see cref="RecallMemoryQuery"/>.</summary>
public sealed class RecallMemoryHandler(
    ReadModelStore readModels,
    MemoryVectorIndex index,
    MemoryEmbeddings embeddings,
    MemoryOptions options,
    TimeProvider time,
    ILogger<RecallMemoryHandler> logger)
    : IRequestHandler<RecallMemoryQuery, IReadOnlyList<MemoryHit>>
{
    /// <summary>The longest recall text.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>The most hits of one recall.</summary>
    public const int MaxLimit = 100;

    /// <inheritdoc />
    /// <exception cref="ValidationException">A bad scope, limit, tag, source, weight or text.</exception>
    public async Task<IReadOnlyList<MemoryHit>> Handle(RecallMemoryQuery request, CancellationToken cancellationToken)
    {
        var input = Validate(request);
        var weights = request.Weights ?? options.Weights;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var query = await EmbedAsync(input.Text, cancellationToken).ConfigureAwait(false);
        var candidates = Math.Max(50, input.Limit * options.CandidatesPerHit);

        using var connection = readModels.OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        var set = query is null ? null : index.For(transaction, input.Scope.Principal, query.Length);
        var filter = new MemoryRecallFilter(
            now, input.Scope.Channel, ReadModelValues.Id(input.Scope.SessionId), SourceMask(input.Sources), [.. input.Tags.Select(t => "," + t + ",")]);

        // The vector scan of a cached set is in memory and needs no connection: it runs beside the full-text
        // branch, so a recall takes about the longer of the two rather than their sum, in parts on the cores the
        // full-text branch leaves (none more on two cores, so the two never contend). An int8 set keeps
        // RerankFactor times the candidates, scored again at full precision below.
        var pool = set is { Quantized: true } ? candidates * Math.Max(1, options.RerankFactor) : candidates;
        var parts = Math.Max(1, Environment.ProcessorCount - 1);
        var vectorBranch = set is null ? Task.FromResult(new List<(int Index, float Similarity)>()) : Task.Run(() => set.Top(query, filter, pool, parts), cancellationToken);

        // rowid -> (bm25 turned positive, or null; similarity, or null; source index; confidence; created at)
        var found = new Dictionary<long, Candidate>();
        var words = MemorySelectiveWords.Of(transaction, input.Text);
        if (set is { HoldsEveryItem: true } && MemoryTextScorer.CanScore(words.Kept))
        {
            // The cached set holds every item of the principal: bm25 is scored from the words' occurrences and the
            // set's entries, the same scores FTS5's statement below gives, without its per-row lookups.
            foreach (var (rowid, score, entry) in MemoryTextScorer.Top(transaction, set, words, filter, candidates))
            {
                found[rowid] = new Candidate(score, set.Quantized ? null : set.Similarity(rowid, query!), MemorySources.All[entry.Source], entry.Confidence, entry.CreatedAt);
            }
        }
        else if (MemoryFtsQuery.Build(words.Kept) is { } match)
        {
            var rows = ReadModelQueries.Rows(
                transaction,
                MemorySql.SearchFts,
                r => (Rowid: r.GetInt64(0), Rank: -r.GetDouble(1), Source: r.GetString(2), Confidence: r.GetDouble(3), CreatedAt: r.GetInt64(4)),
                ("$match", match),
                ("$principal", input.Scope.Principal),
                ("$channel", input.Scope.Channel),
                ("$session_id", ReadModelValues.Id(input.Scope.SessionId)),
                ("$now", now),
                ("$sources", input.Sources.Count == 0 ? null : JsonSerializer.Serialize(input.Sources)),
                ("$tags", input.Tags.Count == 0 ? null : JsonSerializer.Serialize(input.Tags)),
                ("$limit", candidates));
            foreach (var row in rows)
            {
                found[row.Rowid] = new Candidate(row.Rank, set is { Quantized: false } ? set.Similarity(row.Rowid, query!) : null, row.Source, row.Confidence, row.CreatedAt);
            }
        }

        var scanned = await vectorBranch.ConfigureAwait(false);
        if (query is not null)
        {
            var textHits = found.Keys.ToHashSet();
            MemoryVectorHits? exact = set switch
            {
                null => MemoryVectorScan.Scan(transaction, input.Scope.Principal, embeddings.ModelId, query, filter, candidates, textHits),
                { Quantized: true } => MemoryVectorScan.Rerank(transaction, embeddings.ModelId, query, scanned.Select(h => set.Entries[h.Index]), candidates, textHits),
                _ => null,
            };
            var top = exact?.Top ?? [.. scanned.Select(h => (set!.Entries[h.Index], h.Similarity))];
            if (exact is not null)
            {
                foreach (var rowid in textHits)
                {
                    found[rowid] = found[rowid] with { Similarity = exact.Similarities.TryGetValue(rowid, out var s) ? s : null };
                }
            }

            foreach (var (entry, similarity) in top)
            {
                if (!found.ContainsKey(entry.Rowid) && similarity >= options.MinVectorSimilarity)
                {
                    found[entry.Rowid] = new Candidate(null, similarity, MemorySources.All[entry.Source], entry.Confidence, entry.CreatedAt);
                }
            }
        }

        var bestRank = found.Values.Select(c => c.Rank ?? 0).DefaultIfEmpty(0).Max();
        var halfLife = Math.Max(1, options.RecencyHalfLife.TotalMilliseconds);
        var ranked = found
            .Select(pair =>
            {
                var c = pair.Value;
                var parts = new MemoryScoreParts(
                    c.Rank is { } rank && bestRank > 0 ? rank / bestRank : 0,
                    Math.Max(0, c.Similarity ?? 0),
                    Math.Pow(0.5, Math.Max(0, now - c.CreatedAt) / halfLife),
                    MemorySources.Quality(c.Source) * c.Confidence,
                    c.Rank is not null,
                    c.Similarity is not null);
                var score = (weights.Text * parts.Text) + (weights.Vector * parts.Vector) + (weights.Recency * parts.Recency) + (weights.Quality * parts.Quality);
                return (Rowid: pair.Key, Score: score, Parts: parts);
            })
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Rowid)
            .Take(input.Limit)
            .ToList();
        if (ranked.Count == 0)
        {
            return [];
        }

        var rowsById = ReadModelQueries.Rows(
                transaction, MemorySql.SelectHits, r => (Rowid: r.GetInt64(0), Item: MemoryItemRows.Read(r)), ("$rowids", JsonSerializer.Serialize(ranked.Select(h => h.Rowid))))
            .ToDictionary(r => r.Rowid, r => r.Item);
        return ranked
            .Where(h => rowsById.ContainsKey(h.Rowid))
            .Select(h =>
            {
                var item = rowsById[h.Rowid];
                return new MemoryHit(item.ItemId, item.Content, item.Scope, item.Tags, item.Source, item.Confidence, item.CreatedAt, item.ExpiresAt, h.Score, h.Parts);
            })
            .ToList();
    }

    /// <summary>The query's vector, or null when the model could not make it in time (the recall then uses full text alone).</summary>
    private async Task<float[]?> EmbedAsync(string text, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(options.QueryEmbeddingTimeout);
        try
        {
            return (await embeddings.EmbedAsync([text], bounded.Token).ConfigureAwait(false))[0];
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "memory recall could not embed its query with {Model}; answering by full text alone", embeddings.ModelId);
            return null;
        }
    }

    private static int SourceMask(IReadOnlyList<string> sources)
    {
        if (sources.Count == 0)
        {
            return -1;
        }

        var mask = 0;
        foreach (var source in sources)
        {
            mask |= 1 << MemorySources.IndexOf(source);
        }

        return mask;
    }

    private static Input Validate(RecallMemoryQuery request)
    {
        var scope = (request.Scope ?? throw new ValidationException("scope", "is required")).Validated();
        var text = MemoryText.Normalize(request.Text);
        if (text.Length == 0)
        {
            throw new ValidationException("text", "must hold some text");
        }

        if (text.Length > MaxTextLength)
        {
            throw new ValidationException("text", $"must be at most {MaxTextLength} characters");
        }

        var limit = request.Limit ?? 10;
        if (limit is < 1 or > MaxLimit)
        {
            throw new ValidationException("limit", $"must be between 1 and {MaxLimit}");
        }

        var tags = MemoryText.Tags(request.Tags);
        var sources = (request.Sources ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (sources.Any(s => !MemorySources.IsKnown(s)))
        {
            throw new ValidationException("sources", "each must be one of " + string.Join(", ", MemorySources.All));
        }

        if (request.Weights is { } w && new[] { w.Text, w.Vector, w.Recency, w.Quality }.Any(x => !double.IsFinite(x) || x < 0 || x > 100))
        {
            throw new ValidationException("weights", "each weight must be a number from 0 to 100");
        }

        return new Input(text, scope, limit, tags, sources);
    }

    private sealed record Input(string Text, MemoryScope Scope, int Limit, IReadOnlyList<string> Tags, IReadOnlyList<string> Sources);

    private sealed record Candidate(double? Rank, float? Similarity, string Source, double Confidence, long CreatedAt);
}
