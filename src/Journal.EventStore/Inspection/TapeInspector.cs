using Journal.Domain.Tape;
using Journal.EventStore.Reading;
using Journal.EventStore.Schema;
using Journal.EventStore.Sql;
using Journal.EventStore.Storage;
using Journal.EventStore.Verification;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Inspection;

/// <summary>
/// Read-only access to an existing tape file, for the admin verbs and for checking backups: it never
/// creates, migrates or writes the file.
/// </summary>
public sealed class TapeInspector : IDisposable, Export.ITapeExportSource
{
    private static readonly string TableExistsSql = SqlText.Load("Inspection/TableExists.sql");
    private static readonly string SelectMigrations = SqlText.Load("Inspection/SelectMigrations.sql");
    private static readonly string SelectJournalId = SqlText.Load("Inspection/SelectJournalId.sql");

    /// <summary>
    /// The schema version whose counts this code reads (Sql/Migrations/0007_counts_fold.sql: the counts and the
    /// position they were folded through); older files, which the read-only inspector cannot migrate, are counted
    /// by a scan.
    /// </summary>
    private const int KeptCountsVersion = 7;

    private readonly SqliteConnections _connections;
    private readonly TapeReader _reader;

    private TapeInspector(SqliteConnections connections, int schemaVersion, Guid? journalId)
    {
        _connections = connections;
        _reader = new TapeReader(connections, 1024);
        SchemaVersion = schemaVersion;
        JournalId = journalId;
        Verifier = new TapeVerifier(connections);
    }

    /// <summary>Full path of the file.</summary>
    public string DatabasePath => _connections.DatabasePath;

    /// <summary>The file's schema version.</summary>
    public int SchemaVersion { get; }

    /// <summary>The journal id recorded in the file (absent in files made before schema version 2).</summary>
    public Guid? JournalId { get; }

    /// <summary>Checks the chain.</summary>
    public TapeVerifier Verifier { get; }

    /// <summary>Opens an existing tape file read-only.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="SchemaException">The file's schema is newer than this code, or a checksum differs.</exception>
    public static TapeInspector Open(string path, int busyTimeoutMs = 5000)
    {
        StoragePaths.Validate(path, "db");
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"there is no journal file at '{full}'", full);
        }

        var connections = new SqliteConnections(full, busyTimeoutMs, readOnly: true);
        using var connection = connections.Open();
        var set = MigrationSet.Tape();
        var recorded = ReadMigrations(connection);
        if (recorded.Count == 0 || !HasTape(connection))
        {
            throw new SchemaException("schema.not_a_journal", $"'{full}' is not a journal file (no journal_events table)");
        }

        foreach (var (version, checksum) in recorded)
        {
            if (version > set.LatestVersion)
            {
                throw new SchemaException("schema.too_new", $"'{full}' has schema version {version}, newer than this code's {set.LatestVersion}");
            }

            if (set.Migrations[version - 1].Checksum != checksum)
            {
                throw new SchemaException("schema.checksum_mismatch", $"'{full}' recorded migration {version} with a checksum this code does not know");
            }
        }

        return new TapeInspector(connections, recorded.Keys.Max(), ReadJournalId(connection));
    }

    /// <summary>Reads the whole tape from a position, in batches.</summary>
    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromSeq, CancellationToken ct) => _reader.ReadAllAsync(fromSeq, ct);

    /// <summary>Writes an online, consistent backup of the file to <paramref name="targetPath"/> (owner-only), even while another process writes it.</summary>
    public Task<Backup.BackupResult> BackupAsync(string targetPath, CancellationToken ct) =>
        Backup.TapeBackup.WriteAsync(_connections, targetPath, ct);

    /// <summary>As <see cref="BackupAsync(string, CancellationToken)"/>; without <paramref name="replace"/> an existing file at the target is kept and the backup fails.</summary>
    /// <exception cref="IOException">The copy cannot take the target's place.</exception>
    public Task<Backup.BackupResult> BackupAsync(string targetPath, bool replace, CancellationToken ct) =>
        Backup.TapeBackup.WriteAsync(_connections, targetPath, replace, ct);

    /// <summary>The head position and hash.</summary>
    public Task<TapeHead> ReadHeadAsync(CancellationToken ct) => _reader.ReadHeadAsync(ct);

    /// <summary>The event with <paramref name="eventId"/>; null when there is none.</summary>
    public Task<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken ct) => _reader.FindEventAsync(eventId, ct);

    /// <summary>Up to <paramref name="limit"/> events from position <paramref name="fromSeq"/>, oldest first.</summary>
    public IReadOnlyList<RecordedEvent> ReadPage(long fromSeq, int limit) => _reader.ReadBatch(fromSeq, limit);

    /// <summary>Counts and file sizes.</summary>
    public TapeStatistics ReadStatistics()
    {
        var (stats, types) = SchemaVersion >= KeptCountsVersion ? (_reader.ReadStats(), _reader.ReadTypeCounts()) : _reader.Recount();
        var head = _reader.ReadHeadAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new TapeStatistics(
            DatabasePath,
            JournalId,
            SchemaVersion,
            stats.Events,
            stats.Streams,
            stats.ErasedPayloads,
            head.Seq,
            Convert.ToHexStringLower(head.Hash.Span),
            FileSize(DatabasePath),
            FileSize(DatabasePath + "-wal"),
            types);
    }

    /// <inheritdoc />
    public void Dispose() => _connections.ClearPool();

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static Dictionary<int, string> ReadMigrations(SqliteConnection connection)
    {
        var recorded = new Dictionary<int, string>();
        if (!TableExists(connection, "schema_migrations"))
        {
            return recorded;
        }

        using var command = connection.CreateCommand();
        command.CommandText = SelectMigrations;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            recorded[reader.GetInt32(0)] = reader.GetString(1);
        }

        return recorded;
    }

    private static bool HasTape(SqliteConnection connection) => TableExists(connection, "journal_events");

    private static bool TableExists(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = TableExistsSql;
        command.Parameters.AddWithValue("$name", name);
        return (long)command.ExecuteScalar()! == 1;
    }

    private static Guid? ReadJournalId(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SelectJournalId;
        try
        {
            return command.ExecuteScalar() is string id ? Guid.Parse(id, System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        catch (SqliteException)
        {
            return null;
        }
    }
}

/// <summary>What <c>stats</c> reports.</summary>
/// <param name="DatabasePath">The file.</param>
/// <param name="JournalId">The journal's id.</param>
/// <param name="Events">Rows on the tape.</param>
/// <param name="Streams">Distinct streams.</param>
/// <param name="ErasedPayloads">Rows whose payload was erased.</param>
/// <param name="HeadSeq">Head position.</param>
/// <param name="HeadHash">Head hash, hex.</param>
/// <param name="FileBytes">Size of the database file.</param>
/// <param name="WalBytes">Size of its WAL file.</param>
/// <param name="EventTypes">Events by type, in type order.</param>
public sealed record TapeStatistics(
    string DatabasePath,
    Guid? JournalId,
    int SchemaVersion,
    long Events,
    long Streams,
    long ErasedPayloads,
    long HeadSeq,
    string HeadHash,
    long FileBytes,
    long WalBytes,
    IReadOnlyList<EventTypeCount> EventTypes);
