using Journal.Application.Memory.Embeddings;
using Journal.Domain.Memory.Embeddings;
using Journal.Projections.Memory;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Journal.Application.Memory;

/// <summary>Registers the memory feature's services (called by <c>AddJournal</c>).</summary>
public static class MemoryServiceCollectionExtensions
{
    /// <summary>
    /// The embedding model (the registered <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of
    /// strings to <see cref="Embedding{T}"/> of floats, the offline <see cref="HashingEmbeddingGenerator"/>
    /// when the host registered none), <see cref="MemoryOptions"/> (defaults unless registered first), the
    /// recall cache and the two background services: retention and the embedder.
    /// </summary>
    public static IServiceCollection AddJournalMemory(this IServiceCollection services)
    {
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => new HashingEmbeddingGenerator());
        services.TryAddSingleton(sp => new MemoryEmbeddings(sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>()));
        services.TryAddSingleton(new MemoryOptions());
        services.TryAddSingleton<MemoryVectorIndex>();
        services.TryAddSingleton<MemoryRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<MemoryRetention>());
        services.TryAddSingleton<MemoryEmbedder>();
        services.AddHostedService(sp => sp.GetRequiredService<MemoryEmbedder>());
        return services;
    }

    /// <summary>
    /// Registers the embedding model <paramref name="settings"/> describe (see
    /// <see cref="MemoryEmbeddingGenerators.Create"/>) for memory; call it before <c>AddJournal</c>.
    /// </summary>
    /// <exception cref="MemoryEmbeddingSettingsException">The settings cannot work; checked now, so a bad one stops the start.</exception>
    public static IServiceCollection AddJournalMemoryEmbeddings(this IServiceCollection services, MemoryEmbeddingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        services.AddSingleton(_ => MemoryEmbeddingGenerators.Create(settings));
        return services;
    }
}
