using Journal.EventStore.Maintenance;
using Npgsql;

namespace Journal.EventStore.Postgres;

internal sealed class PostgresTapeCatalog(NpgsqlDataSource dataSource)
{
    public Task<Guid?> ReadJournalIdAsync(CancellationToken ct) => throw new NotImplementedException(dataSource.ToString());

    public Task<int> ReadSchemaVersionAsync(CancellationToken ct) => throw new NotImplementedException();

    public Task<long> ReadStorageBytesAsync(CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<MaintenanceStep>> RunMaintenanceAsync(CancellationToken ct) => throw new NotImplementedException();
}
