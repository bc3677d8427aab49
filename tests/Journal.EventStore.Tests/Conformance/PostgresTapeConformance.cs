using Journal.EventStore.Tests.Support;
using Journal.Testing.Postgres;

namespace Journal.EventStore.Tests.Conformance;

/// <summary>The tape conformance suite on the PostgreSQL backend: a fresh database per test on the class's throwaway server.</summary>
public sealed class PostgresTapeConformance(PostgresServerFixture fixture) : TapeConformance, IClassFixture<PostgresServerFixture>
{
    /// <inheritdoc />
    protected override async Task<TapeBackend> OpenAsync()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("c" + Guid.NewGuid().ToString("N"));
        var store = PostgresTapes.Open(connectionString);
        return new TapeBackend(store, store, store, store, store, store.DisposeAsync, () => store.OpenSetMoves);
    }
}
