using Journal.EventStore;
using Journal.EventStore.Postgres;
using Journal.EventStore.Serialization;

namespace Journal.Benchmarks.Postgres.Ours;

/// <summary>Opens ours on a bench database, the way a host configured for the PostgreSQL tape would.</summary>
internal static class OursStores
{
    public static JournalStoreOptions Options(PgDatabase database) =>
        new() { Provider = TapeProvider.Postgres, ConnectionString = database.ConnectionString };

    public static PostgresEventStore Open(PgDatabase database, EventTypeRegistry registry) =>
        PostgresEventStore.Open(Options(database), registry, TimeProvider.System);
}
