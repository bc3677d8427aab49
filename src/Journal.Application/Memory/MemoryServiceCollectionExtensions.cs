using Journal.Projections.Memory;
using Journal.Domain.Memory.Embeddings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Journal.Application.Memory;

/// <summary>Registers the memory feature's services (called by <c>AddJournal</c>).</summary>
public static class MemoryServiceCollectionExtensions
{
    /// <summary>
    /// The embedding provider (the offline <see cref="HashingEmbeddingProvider"/> unless the host
    /// registered one first), <see cref="MemoryOptions"/> (defaults unless registered first), the recall
    /// cache and the two background services: retention and the embedder.
    /// </summary>
    public static IServiceCollection AddJournalMemory(this IServiceCollection services)
    {
        services.TryAddSingleton<IMemoryEmbeddingProvider>(_ => new HashingEmbeddingProvider());
        services.TryAddSingleton(new MemoryOptions());
        services.TryAddSingleton<MemoryVectorIndex>();
        services.TryAddSingleton<MemoryRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<MemoryRetention>());
        services.TryAddSingleton<MemoryEmbedder>();
        services.AddHostedService(sp => sp.GetRequiredService<MemoryEmbedder>());
        return services;
    }
}
