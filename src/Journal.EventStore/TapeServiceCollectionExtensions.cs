using System.Diagnostics.Metrics;
using System.Reflection;
using Journal.Domain.Commands;
using Journal.Domain.Tape;
using Journal.EventStore.Redaction;
using Journal.EventStore.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Journal.EventStore;

/// <summary>Registers the tape in a service collection.</summary>
public static class TapeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the tape of <see cref="JournalStoreOptions.Provider"/> (SQLite by default, or PostgreSQL; opened on first use, disposed with the container) as
    /// <see cref="IEventStore"/>, as each narrow port of <see cref="Ports"/> and as its store class
    /// (for the composition root alone), its Merkle tree as <see cref="Ports.ITapeTree"/> (its builder starts when it is
    /// first resolved; turned off by <see cref="JournalStoreOptions.MerkleTree"/>), with its event type registry over
    /// <paramref name="eventAssemblies"/>, its metrics, and <see cref="TimeProvider.System"/> unless a
    /// time provider is registered already.
    /// </summary>
    public static IServiceCollection AddJournalTape(this IServiceCollection services, JournalStoreOptions options, params Assembly[] eventAssemblies)
    {
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton(new EventTypeRegistry(eventAssemblies));
        services.TryAddSingleton(sp => new TapeMetrics(sp.GetService<IMeterFactory>()));
        if (options.Provider == TapeProvider.Postgres)
        {
            AddBackend(services, sp => Postgres.PostgresEventStore.Open(
                sp.GetRequiredService<JournalStoreOptions>(),
                sp.GetRequiredService<EventTypeRegistry>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<TapeMetrics>()), store => store.Serializer);
            services.TryAddSingleton<Ports.ITapeTree>(sp => Merkle.TapeTrees.Open(
                sp.GetRequiredService<Postgres.PostgresEventStore>(),
                sp.GetRequiredService<JournalStoreOptions>(),
                TreeLogger(sp)));
        }
        else
        {
            AddBackend(services, sp => SqliteEventStore.Open(
                sp.GetRequiredService<JournalStoreOptions>(),
                sp.GetRequiredService<EventTypeRegistry>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<TapeMetrics>()), store => store.Serializer);
            services.TryAddSingleton<Ports.ITapeTree>(sp => Merkle.TapeTrees.Open(sp.GetRequiredService<SqliteEventStore>(), TreeLogger(sp)));
        }

        return services;
    }

    private static ILogger TreeLogger(IServiceProvider sp) =>
        sp.GetService<ILoggerFactory>()?.CreateLogger("Journal.EventStore.Merkle") ?? (ILogger)NullLogger.Instance;

    /// <summary>Registers one backend's store as itself, as <see cref="IEventStore"/> and as each port, with the redactors over its serializer.</summary>
    private static void AddBackend<TStore>(IServiceCollection services, Func<IServiceProvider, TStore> open, Func<TStore, PayloadSerializer> serializer)
        where TStore : class, IEventStore, Ports.ITapeFeed, Ports.IAggregateTape, Ports.ITapeVerification, Ports.ITapeBackup, Ports.ITapeInspection
    {
        services.TryAddSingleton(open);
        services.TryAddSingleton<IEventStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<Ports.ITapeFeed>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<Ports.IAggregateTape>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<Ports.ITapeVerification>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<Ports.ITapeBackup>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<Ports.ITapeInspection>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<ITextRedactor>(sp => new TextRedactorPort(serializer(sp.GetRequiredService<TStore>()).Redactor));
        services.TryAddSingleton<IJsonRedactor>(sp => new JsonRedactorPort(serializer(sp.GetRequiredService<TStore>()).Redactor));
        services.TryAddSingleton<IStreamHistory>(sp => new Aggregates.StreamHistory(sp.GetRequiredService<TStore>(), serializer(sp.GetRequiredService<TStore>())));
    }
}
