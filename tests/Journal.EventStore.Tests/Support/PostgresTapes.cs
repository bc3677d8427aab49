using Journal.EventStore.Postgres;

namespace Journal.EventStore.Tests.Support;

/// <summary>Opens a PostgreSQL tape with the test events of this assembly, the way every PostgreSQL test here does.</summary>
public static class PostgresTapes
{
    /// <summary>
    /// A store on <paramref name="connectionString"/>; <paramref name="pollMs"/> overrides the poll interval
    /// (the option's own default otherwise), for tests that must not be rescued by the poll.
    /// </summary>
    public static PostgresEventStore Open(string connectionString, int? pollMs = null)
    {
        var options = new JournalStoreOptions { Provider = TapeProvider.Postgres, ConnectionString = connectionString };
        if (pollMs is { } interval)
        {
            options = options with { PollIntervalMs = interval };
        }

        return PostgresEventStore.Open(options, StoreFixture.Registry, TimeProvider.System);
    }
}
