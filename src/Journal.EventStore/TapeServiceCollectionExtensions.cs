using System.Diagnostics.Metrics;
using System.Reflection;
using Journal.Domain.Commands;
using Journal.Domain.Tape;
using Journal.EventStore.Redaction;
using Journal.EventStore.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Journal.EventStore;

/// <summary>Registers the tape in a service collection.</summary>
public static class TapeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite tape (opened on first use, disposed with the container) as
    /// <see cref="IEventStore"/>, as each narrow port of <see cref="Ports"/> and as <see cref="SqliteEventStore"/>
    /// (for the composition root alone), with its event type registry over
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
        services.TryAddSingleton(sp => SqliteEventStore.Open(
            sp.GetRequiredService<JournalStoreOptions>(),
            sp.GetRequiredService<EventTypeRegistry>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<TapeMetrics>()));
        services.TryAddSingleton<IEventStore>(sp => sp.GetRequiredService<SqliteEventStore>());
        services.TryAddSingleton<Ports.ITapeFeed>(sp => sp.GetRequiredService<SqliteEventStore>());
        services.TryAddSingleton<Ports.IAggregateTape>(sp => sp.GetRequiredService<SqliteEventStore>());
        services.TryAddSingleton<Ports.ITapeVerification>(sp => sp.GetRequiredService<SqliteEventStore>());
        services.TryAddSingleton<Ports.ITapeBackup>(sp => sp.GetRequiredService<SqliteEventStore>());
        services.TryAddSingleton<Ports.ITapeInspection>(sp => sp.GetRequiredService<SqliteEventStore>());
        services.TryAddSingleton<ITextRedactor>(sp => new TextRedactorPort(sp.GetRequiredService<SqliteEventStore>().Serializer.Redactor));
        services.TryAddSingleton<IJsonRedactor>(sp => new JsonRedactorPort(sp.GetRequiredService<SqliteEventStore>().Serializer.Redactor));
        services.TryAddSingleton<IStreamHistory>(sp => new Aggregates.StreamHistory(sp.GetRequiredService<SqliteEventStore>()));
        return services;
    }
}
