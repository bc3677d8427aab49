using System.ClientModel;
using System.ClientModel.Primitives;
using Journal.Domain.Memory.Embeddings;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;

namespace Journal.Application.Memory.Embeddings;

/// <summary>Makes the embedding generator <see cref="MemoryEmbeddingSettings"/> describe.</summary>
public static class MemoryEmbeddingGenerators
{
    /// <summary>
    /// The generator: <see cref="HashingEmbeddingGenerator"/>, or the OpenAI client's embedding client on
    /// <see cref="MemoryEmbeddingSettings.BaseUrl"/> with the key read from the named environment variable
    /// now. The client does not retry (the memory embedder tries a failed batch again at its next pass,
    /// and a recall falls back to full text), so a call costs at most one request.
    /// </summary>
    /// <exception cref="MemoryEmbeddingSettingsException">The settings cannot work (see <see cref="MemoryEmbeddingSettings.Validate"/>).</exception>
    public static IEmbeddingGenerator<string, Embedding<float>> Create(MemoryEmbeddingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (settings.Provider == MemoryEmbeddingSettings.Hashing)
        {
            return new HashingEmbeddingGenerator(settings.Dimensions ?? HashingEmbeddingGenerator.DefaultDimensions);
        }

        var key = Environment.GetEnvironmentVariable(settings.ApiKeyEnvironmentVariable!)!;
        var options = new OpenAIClientOptions { Endpoint = settings.BaseUrl, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        return new EmbeddingClient(settings.Model, new ApiKeyCredential(key), options).AsIEmbeddingGenerator(settings.Dimensions);
    }
}
