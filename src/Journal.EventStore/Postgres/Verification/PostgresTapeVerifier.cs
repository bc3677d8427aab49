using System.Globalization;
using Journal.EventStore.Checkpoints;
using Journal.EventStore.Ports;
using Journal.EventStore.Verification;
using Npgsql;

namespace Journal.EventStore.Postgres.Verification;

/// <summary>
/// Checks a PostgreSQL tape with the same checks and report as the SQLite <see cref="TapeVerifier"/>
/// (<see cref="ChainVerification"/>, <see cref="ErasureLedger"/>); each check reads in one snapshot.
/// </summary>
/// <param name="dataSource">The database holding the tape.</param>
/// <param name="pageSize">Rows a chain scan reads per round trip: enough that round trips do not count beside hashing.</param>
internal sealed class PostgresTapeVerifier(NpgsqlDataSource dataSource, int pageSize = 1024) : ITapeVerification
{
    /// <summary>The tables the tape's migrations create.</summary>
    private static readonly string[] Tables = ["journal_counts", "journal_events", "journal_idempotency", "journal_info", "journal_open_streams", "journal_open_types", "journal_type_counts", "schema_migrations"];

    /// <summary>The triggers that keep the tape append-only and journal_info write-once (Sql/Postgres/Migrations/0001_tape.sql).</summary>
    private static readonly string[] Triggers = ["journal_events_no_delete", "journal_events_no_truncate", "journal_events_only_erasure", "journal_info_no_update"];

    /// <summary>Verifies positions <paramref name="from"/>..<paramref name="to"/> (the head when null).</summary>
    public Task<VerificationReport> VerifyAsync(long from = 1, long? to = null, CancellationToken ct = default) =>
        InSnapshotAsync(source => ChainVerification.VerifyAsync(source, Math.Max(1, from), to ?? long.MaxValue, ct), ct);

    /// <summary>The head and the count and digest of the erased positions up to it, as a checkpoint signs them, in one snapshot.</summary>
    public Task<CheckpointState> ReadCheckpointStateAsync(CancellationToken ct) =>
        InSnapshotAsync(source => ErasureLedger.ReadStateAsync(source, ct), ct);

    /// <summary>The erasures seen from a checkpointed position, to compare with what the checkpoint signed.</summary>
    public Task<ErasureAudit> AuditErasuresAsync(long checkpointSeq, CancellationToken ct) =>
        InSnapshotAsync(source => ErasureLedger.AuditAsync(source, checkpointSeq, ct), ct);

    /// <summary>The stored hash of the row at <paramref name="seq"/>; null when there is no such row.</summary>
    public Task<byte[]?> ReadHashAtAsync(long seq, CancellationToken ct) =>
        InSnapshotAsync(async source => await source.ReadHashAtAsync(seq, ct).ConfigureAwait(false), ct);

    /// <summary>
    /// The schema's own checks, PostgreSQL's counterpart of SQLite's page check: the tape's tables are there, the
    /// triggers that keep it append-only are there and enabled, and every migration of this code is recorded with
    /// its checksum (none newer). Answers the problems found, none when the schema is sound.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckFileAsync(CancellationToken ct = default)
    {
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var problems = new List<string>();
            var missing = await MissingTablesAsync(connection, ct).ConfigureAwait(false);
            problems.AddRange(missing.Select(table => $"table {table} is missing"));
            await CheckTriggersAsync(connection, problems, ct).ConfigureAwait(false);
            if (!missing.Contains("schema_migrations"))
            {
                await CheckMigrationsAsync(connection, problems, ct).ConfigureAwait(false);
            }

            return problems;
        }
    }

    /// <summary>
    /// The bounded check a start runs: the schema's own checks (<see cref="CheckFileAsync"/>), which cost the same at
    /// any size; the server checks its own pages, so there is no file tail to read here.
    /// </summary>
    public Task<IReadOnlyList<string>> CheckTailAsync(int rows, CancellationToken ct) => CheckFileAsync(ct);

    private async Task<T> InSnapshotAsync<T>(Func<IChainSource, Task<T>> check, CancellationToken ct)
    {
        var source = await PostgresChainSource.OpenAsync(dataSource, pageSize, ct).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            return await check(source).ConfigureAwait(false);
        }
    }

    private static async Task<List<string>> MissingTablesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(PostgresVerifySql.SelectMissingTables, connection);
        command.Parameters.AddWithValue("names", Tables);
        var missing = new List<string>();
        var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                missing.Add(reader.GetString(0));
            }
        }

        return missing;
    }

    private static async Task CheckTriggersAsync(NpgsqlConnection connection, List<string> problems, CancellationToken ct)
    {
        var found = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(PostgresVerifySql.SelectTriggers, connection))
        {
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    found[reader.GetString(0)] = reader.GetBoolean(1);
                }
            }
        }

        foreach (var trigger in Triggers)
        {
            if (!found.TryGetValue(trigger, out var enabled))
            {
                problems.Add($"trigger {trigger} is missing: the tape is not protected against that change");
            }
            else if (!enabled)
            {
                problems.Add($"trigger {trigger} is disabled: the tape is not protected against that change");
            }
        }
    }

    private static async Task CheckMigrationsAsync(NpgsqlConnection connection, List<string> problems, CancellationToken ct)
    {
        var recorded = new Dictionary<int, string>();
        await using (var command = new NpgsqlCommand(PostgresVerifySql.SelectMigrations, connection))
        {
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    recorded[reader.GetInt32(0)] = reader.GetString(2);
                }
            }
        }

        var set = PostgresMigrator.Tape;
        foreach (var migration in set.Migrations)
        {
            var version = migration.Version.ToString(CultureInfo.InvariantCulture);
            if (!recorded.TryGetValue(migration.Version, out var checksum))
            {
                problems.Add($"migration {version} ({migration.Name}) is not recorded in schema_migrations");
            }
            else if (!string.Equals(checksum, migration.Checksum, StringComparison.Ordinal))
            {
                problems.Add($"migration {version} ({migration.Name}) is recorded with a checksum this code does not know");
            }
        }

        foreach (var version in recorded.Keys.Where(v => v > set.LatestVersion).Order())
        {
            problems.Add($"migration {version.ToString(CultureInfo.InvariantCulture)} is recorded but newer than this code's {set.LatestVersion.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
