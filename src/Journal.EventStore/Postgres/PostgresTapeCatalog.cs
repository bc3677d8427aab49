using System.Diagnostics;
using System.Globalization;
using Journal.EventStore.Maintenance;
using Journal.EventStore.Sql;
using Npgsql;

namespace Journal.EventStore.Postgres;

/// <summary>
/// What a PostgreSQL tape says about itself, for <c>stats</c> and the admin endpoints: the journal's id, its schema
/// version and the bytes its tables take; and its housekeeping, the counterpart of <see cref="SqliteMaintenance"/>.
/// </summary>
/// <param name="dataSource">The database holding the tape.</param>
internal sealed class PostgresTapeCatalog(NpgsqlDataSource dataSource)
{
    private static readonly string SelectJournalId = Load("SelectJournalId.sql");
    private static readonly string SelectSchemaVersion = Load("SelectSchemaVersion.sql");
    private static readonly string SelectStorageBytes = Load("SelectStorageBytes.sql");
    private static readonly string VacuumEvents = Load("VacuumEvents.sql");

    /// <summary>The tables the tape's migrations create.</summary>
    private static readonly string[] TapeTables = ["journal_events", "journal_info", "journal_idempotency", "journal_counts", "journal_type_counts", "journal_open_types", "journal_open_streams", "schema_migrations"];

    /// <summary>The journal id recorded in journal_info; null before one is recorded (or when the schema is not there).</summary>
    public async Task<Guid?> ReadJournalIdAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(SelectJournalId);
        try
        {
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is string id && Guid.TryParse(id, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    /// <summary>The highest migration applied; 0 on a database no migration has touched.</summary>
    public async Task<int> ReadSchemaVersionAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(SelectSchemaVersion);
        try
        {
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    /// <summary>Bytes on disk of the tape's tables, their indexes and TOAST included.</summary>
    public Task<long> ReadStorageBytesAsync(CancellationToken ct) => StorageBytesAsync(TapeTables, ct);

    /// <summary>Runs <c>VACUUM (ANALYZE)</c> on journal_events; a failure is reported in the step, not thrown.</summary>
    public async Task<IReadOnlyList<MaintenanceStep>> RunMaintenanceAsync(CancellationToken ct)
    {
        const string name = "tape.vacuum_analyze";
        try
        {
            var before = await StorageBytesAsync(["journal_events"], ct).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();

            // VACUUM cannot run inside a transaction block: a data source command runs on its own, in autocommit.
            await using (var vacuum = dataSource.CreateCommand(VacuumEvents))
            {
                await vacuum.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            var after = await StorageBytesAsync(["journal_events"], ct).ConfigureAwait(false);
            return [new MaintenanceStep(name, true, string.Create(CultureInfo.InvariantCulture, $"journal_events vacuumed and analyzed in {clock.ElapsedMilliseconds} ms; {before} bytes before, {after} after"))];
        }
        catch (NpgsqlException ex)
        {
            return [new MaintenanceStep(name, false, ex.Message)];
        }
    }

    private async Task<long> StorageBytesAsync(string[] tables, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(SelectStorageBytes);
        command.Parameters.AddWithValue("names", tables);
        return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private static string Load(string name) => SqlText.Load("Postgres/Tape/" + name);
}
