using System.Globalization;
using Microsoft.Extensions.AI;

namespace Journal.Domain.Memory.Embeddings;

/// <summary>
/// The default embedding: deterministic, offline feature hashing. A text's features are its words
/// (lower case, runs of letters and digits) and each word's character trigrams (of the word padded with
/// a boundary mark, so <c>cat</c> gives <c>#ca</c>, <c>cat</c>, <c>at#</c>); each feature is hashed
/// with a stable 32-bit hash (<see cref="StableHash"/>), added to dimension <c>hash mod D</c> of the
/// whole 32-bit value (so every dimension is reachable whatever D is) with the sign given by the
/// hash's top bit, and the vector is L2-normalized. Words weigh 1, trigrams 0.5: a shared word counts
/// more than a shared spelling, and trigrams let <c>deploy</c> meet <c>deployment</c>. Its model id,
/// <c>journal-hash-{D}</c>, is what every vector it made records; it offers
/// <see cref="IInlineMemoryEmbedding"/>, so the projection embeds with it directly.
/// </summary>
public sealed class HashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, IInlineMemoryEmbedding
{
    /// <summary>The default number of dimensions.</summary>
    public const int DefaultDimensions = 256;

    private const float WordWeight = 1.0f;
    private const float TrigramWeight = 0.5f;
    private const uint WordSeed = 0x9E3779B9;
    private const uint TrigramSeed = 0x85EBCA6B;

    /// <summary>The smallest number of dimensions.</summary>
    public const int MinDimensions = 8;

    /// <summary>The largest number of dimensions.</summary>
    public const int MaxDimensions = 4096;

    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Creates the generator with <paramref name="dimensions"/> dimensions (<see cref="MinDimensions"/> to <see cref="MaxDimensions"/>).</summary>
    public HashingEmbeddingGenerator(int dimensions = DefaultDimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, MinDimensions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, MaxDimensions);
        Dimensions = dimensions;
        ModelId = "journal-hash-" + dimensions.ToString(CultureInfo.InvariantCulture);
        _metadata = new EmbeddingGeneratorMetadata("journal-hashing", null, ModelId, dimensions);
    }

    /// <summary>The model id every vector records: <c>journal-hash-{dimensions}</c>.</summary>
    public string ModelId { get; }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } asked && asked != Dimensions)
        {
            throw new ArgumentException($"this generator makes vectors of {Dimensions} dimensions, not {asked}", nameof(options));
        }

        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var vector = new float[Dimensions];
            Embed(text, vector);
            embeddings.Add(new Embedding<float>(vector) { ModelId = ModelId });
        }

        return Task.FromResult(embeddings);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the generator holds no resource.</summary>
    public void Dispose()
    {
    }

    /// <inheritdoc />
    public void Embed(string text, Span<float> destination)
    {
        if (destination.Length != Dimensions)
        {
            throw new ArgumentException($"the destination must hold {Dimensions} floats", nameof(destination));
        }

        destination.Clear();
        Span<char> word = stackalloc char[66];
        var length = 0;
        text ??= string.Empty;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                // Very long runs (hashes, base64) are cut: their tail adds nothing a reader would search for.
                if (length < word.Length - 2)
                {
                    word[++length] = char.ToLowerInvariant(text[i]);
                }

                continue;
            }

            if (length > 0)
            {
                AddWord(word[..(length + 2)], length, destination);
                length = 0;
            }
        }

        Normalize(destination);
    }

    /// <summary>The dimension and sign a feature hash lands on (exposed for tests of reachability).</summary>
    public (int Dimension, float Sign) Bucket(uint hash) =>
        ((int)(hash % (uint)Dimensions), (hash & 0x8000_0000u) == 0 ? 1f : -1f);

    private void AddWord(Span<char> padded, int length, Span<float> destination)
    {
        // padded[0] and padded[length + 1] are the boundary marks around the word's characters.
        padded[0] = '#';
        padded[length + 1] = '#';
        Add(StableHash.Of(padded.Slice(1, length), WordSeed), WordWeight, destination);
        for (var start = 0; start + 3 <= length + 2; start++)
        {
            Add(StableHash.Of(padded.Slice(start, 3), TrigramSeed), TrigramWeight, destination);
        }
    }

    private void Add(uint hash, float weight, Span<float> destination)
    {
        var (dimension, sign) = Bucket(hash);
        destination[dimension] += sign * weight;
    }

    private static void Normalize(Span<float> vector)
    {
        // A plain loop: the domain takes no numerics package, and 256 floats are nothing to scan.
        var sum = 0.0;
        foreach (var x in vector)
        {
            sum += (double)x * x;
        }

        if (sum > 0)
        {
            var scale = (float)(1 / Math.Sqrt(sum));
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] *= scale;
            }
        }
    }
}
