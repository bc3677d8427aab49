using Journal.Domain.Memory.Embeddings;

namespace Journal.Application.Memory.Embeddings;

/// <summary>
/// Which embedding model memory recall uses (the <c>Journal:Memory:Embeddings</c> section of the
/// service's settings): the offline <see cref="Hashing"/> one (the default) or an OpenAI-compatible
/// embeddings endpoint (<see cref="OpenAi"/>). The API key is never a setting: only the name of the
/// environment variable that holds it is.
/// </summary>
public sealed record MemoryEmbeddingSettings
{
    /// <summary>The offline feature-hashing embedding (<see cref="HashingEmbeddingGenerator"/>).</summary>
    public const string Hashing = "hashing";

    /// <summary>An OpenAI-compatible <c>POST {BaseUrl}/embeddings</c> endpoint.</summary>
    public const string OpenAi = "openai";

    /// <summary><see cref="Hashing"/> (the default) or <see cref="OpenAi"/>.</summary>
    public string Provider { get; init; } = Hashing;

    /// <summary>The API root, such as <c>https://api.openai.com/v1</c> (the client adds <c>/embeddings</c>); an absolute http or https URL.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The model, such as <c>text-embedding-3-small</c>; every vector records it.</summary>
    public string? Model { get; init; }

    /// <summary>The NAME of the environment variable that holds the API key (sent as a bearer token).</summary>
    public string? ApiKeyEnvironmentVariable { get; init; }

    /// <summary>The vector length to ask for (and, for hashing, to make); the model's own when null.</summary>
    public int? Dimensions { get; init; }

    /// <summary>Checks that the settings can reach a model; the key's variable must be set now.</summary>
    /// <exception cref="MemoryEmbeddingSettingsException">A setting is missing or bad; it names the setting.</exception>
    public void Validate()
    {
        switch (Provider)
        {
            case Hashing:
                if (Dimensions is { } hashed && (hashed < HashingEmbeddingGenerator.MinDimensions || hashed > HashingEmbeddingGenerator.MaxDimensions))
                {
                    throw new MemoryEmbeddingSettingsException(nameof(Dimensions), $"must be from {HashingEmbeddingGenerator.MinDimensions} to {HashingEmbeddingGenerator.MaxDimensions} for the hashing provider, got {hashed}");
                }

                return;
            case OpenAi:
                if (BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                {
                    throw new MemoryEmbeddingSettingsException(nameof(BaseUrl), $"must be an absolute http or https URL for the openai provider (such as https://api.openai.com/v1), got '{BaseUrl}'");
                }

                if (string.IsNullOrWhiteSpace(Model))
                {
                    throw new MemoryEmbeddingSettingsException(nameof(Model), "is required for the openai provider (such as text-embedding-3-small)");
                }

                if (Dimensions is < 1 or > 65_536)
                {
                    throw new MemoryEmbeddingSettingsException(nameof(Dimensions), $"must be from 1 to 65536, got {Dimensions}");
                }

                if (string.IsNullOrWhiteSpace(ApiKeyEnvironmentVariable))
                {
                    throw new MemoryEmbeddingSettingsException(nameof(ApiKeyEnvironmentVariable), "is required for the openai provider: the name of the environment variable that holds the API key (never the key itself)");
                }

                if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable)))
                {
                    throw new MemoryEmbeddingSettingsException(nameof(ApiKeyEnvironmentVariable), $"names the environment variable {ApiKeyEnvironmentVariable}, which is not set (set it to the API key)");
                }

                return;
            default:
                throw new MemoryEmbeddingSettingsException(nameof(Provider), $"must be {Hashing} or {OpenAi}, got '{Provider}'");
        }
    }
}
