using System.Globalization;
using Journal.EventStore.Storage;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Runtime;

/// <summary>
/// The read-model database: a file per generation (<c>projections-1.db</c>, <c>projections-2.db</c>, ...)
/// and a pointer naming the current one. A rebuild writes the next generation while queries read the
/// current one; switching is one atomic rename of the pointer file, and the old generation is deleted.
/// </summary>
public sealed class ReadModelStore : IDisposable
{
    private readonly string _basePath;
    private const int BulkCacheKiB = 131_072;
    private readonly int _busyTimeoutMs;
    private readonly Lock _lock = new();
    private readonly string? _memoryName;
    private SqliteConnections _current;
    private SqliteConnection? _keeper;

    /// <summary>Opens the store whose files sit beside <paramref name="databasePath"/>.</summary>
    /// <param name="databasePath">Where the generations' files go.</param>
    /// <param name="busyTimeoutMs">How long to wait for a lock.</param>
    /// <param name="inMemory">
    /// Keep every generation in a shared in-memory database of this process instead of a file (the
    /// journal's in-memory mode); the read models are then rebuilt from the tape at every start.
    /// </param>
    public ReadModelStore(string databasePath, int busyTimeoutMs = 5000, bool inMemory = false)
    {
        StoragePaths.Validate(databasePath, "Projections:DatabasePath");
        _basePath = Path.GetFullPath(databasePath);
        _busyTimeoutMs = busyTimeoutMs;
        _memoryName = inMemory ? "journal-readmodels-" + Guid.NewGuid().ToString("N") : null;
        if (!inMemory)
        {
            StoragePaths.EnsureDirectory(_basePath);
        }

        Generation = ReadPointer();
        _current = Connections(Generation);
        _keeper = KeepAlive(_current);
    }

    /// <summary>Whether the read models live in memory rather than in files.</summary>
    public bool IsInMemory => _memoryName is not null;

    /// <summary>The current generation.</summary>
    public int Generation { get; private set; }

    /// <summary>The current generation's file.</summary>
    public string CurrentPath => PathOf(Generation);

    /// <summary>The connections of the current generation.</summary>
    public Journal.EventStore.Storage.SqliteConnections CurrentConnections
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>Opens a connection to the current generation (for queries).</summary>
    public SqliteConnection OpenReader() => CurrentConnections.Open();

    /// <summary>
    /// Lends an open connection to the current generation that keeps its prepared statements between borrowers
    /// (see <see cref="Journal.EventStore.Storage.ReadSession"/>): for the one-statement reads of the hot GETs, which
    /// then cost a bind and a step rather than an open, four pragmas and a parse. Dispose gives it back; a rebuild's
    /// swap closes the old generation's idle sessions.
    /// </summary>
    public Journal.EventStore.Storage.ReadSession RentReader() => CurrentConnections.Rent();

    /// <summary>Opens a writable connection to a generation's file, creating it owner-only.</summary>
    internal SqliteConnection OpenWriter(int generation)
    {
        var path = PathOf(generation);
        if (IsInMemory)
        {
            return Connections(generation).Open();
        }

        StoragePaths.EnsureOwnerOnlyFile(path);
        var connection = Connections(generation).Open();
        SqliteConnections.EnableWal(connection);
        StoragePaths.RestrictDatabaseFiles(path);
        return connection;
    }

    /// <summary>The projection daemon's writer: checkpoints itself only past <paramref name="autoCheckpointPages"/> WAL pages.</summary>
    internal SqliteConnection OpenLiveWriter(int generation, int autoCheckpointPages)
    {
        var connection = OpenWriter(generation);
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_autocheckpoint={autoCheckpointPages.ToString(CultureInfo.InvariantCulture)};";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Opens the writer of a rebuild: the generation file is not current yet and is deleted if the rebuild
    /// fails, so it is written without a WAL and without syncing (rollback journal in memory, which
    /// savepoints still need, <c>synchronous=OFF</c>) and with a larger page cache. <see cref="Seal"/>
    /// makes it an ordinary read-model file again before it becomes current.
    /// </summary>
    internal SqliteConnection OpenBulkWriter(int generation)
    {
        var connection = OpenWriter(generation);
        try
        {
            // journal_mode stays WAL when another connection holds the file open (a copied generation).
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA cache_size=-{BulkCacheKiB}; PRAGMA temp_store=MEMORY;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Ends a rebuild's bulk mode on its writer: back to WAL with <c>synchronous=NORMAL</c> and the default
    /// page cache, the live writer's checkpoint backstop, and the file flushed to disk, so it is as durable as any read model before it is switched to.
    /// </summary>
    internal void Seal(SqliteConnection connection, int generation)
    {
        SqliteConnections.EnableWal(connection);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA cache_size=-2000; PRAGMA wal_autocheckpoint={BackgroundCheckpointer.BackstopPages.ToString(CultureInfo.InvariantCulture)}; PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        if (IsInMemory)
        {
            return;
        }

        using var file = new FileStream(PathOf(generation), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        file.Flush(flushToDisk: true);
    }

    /// <summary>Makes <paramref name="generation"/> current (atomically) and deletes the previous one.</summary>
    internal void Switch(int generation)
    {
        var previous = Generation;
        if (IsInMemory)
        {
            SwitchInMemory(generation);
            Delete(previous);
            return;
        }

        var pointer = _basePath + ".current";
        var temporary = pointer + ".tmp";
        File.WriteAllText(temporary, generation.ToString(CultureInfo.InvariantCulture));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, pointer, overwrite: true);
        SqliteConnections old;
        lock (_lock)
        {
            old = _current;
            _current = Connections(generation);
            Generation = generation;
        }

        old.ClearPool();
        Delete(previous);
    }

    /// <summary>Deletes a generation's files (an abandoned rebuild, or the one replaced).</summary>
    internal void Delete(int generation)
    {
        Connections(generation).ClearPool();
        if (IsInMemory)
        {
            return;
        }

        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(PathOf(generation) + suffix);
        }
    }

    /// <summary>
    /// Fills <paramref name="generation"/> with a copy of the current generation: <c>VACUUM INTO</c> its
    /// file, or the backup API between in-memory databases.
    /// </summary>
    internal void CopyCurrentInto(int generation)
    {
        using var source = OpenReader();
        if (IsInMemory)
        {
            using var target = Connections(generation).Open();
            source.BackupDatabase(target);
            return;
        }

        using var vacuum = source.CreateCommand();
        vacuum.CommandText = "VACUUM INTO $path";
        vacuum.Parameters.AddWithValue("$path", PathOf(generation));
        vacuum.ExecuteNonQuery();
    }

    /// <summary>The file of a generation (its database name when in memory).</summary>
    internal string PathOf(int generation)
    {
        if (_memoryName is not null)
        {
            return _memoryName + "-" + generation.ToString(CultureInfo.InvariantCulture);
        }

        var directory = Path.GetDirectoryName(_basePath)!;
        var name = Path.GetFileNameWithoutExtension(_basePath);
        var extension = Path.GetExtension(_basePath);
        return Path.Combine(directory, $"{name}-{generation.ToString(CultureInfo.InvariantCulture)}{extension}");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _keeper?.Dispose();
            _keeper = null;
            _current.ClearPool();
        }
    }

    private SqliteConnections Connections(int generation) =>
        IsInMemory ? SqliteConnections.InMemory(PathOf(generation), _busyTimeoutMs) : new(PathOf(generation), _busyTimeoutMs, durable: false);

    /// <summary>An in-memory generation lives while a connection to it is open: one is held for the current one.</summary>
    private SqliteConnection? KeepAlive(SqliteConnections connections) => IsInMemory ? connections.Open() : null;

    private void SwitchInMemory(int generation)
    {
        var next = Connections(generation);
        var keeper = KeepAlive(next);
        SqliteConnection? oldKeeper;
        SqliteConnections old;
        lock (_lock)
        {
            (old, oldKeeper) = (_current, _keeper);
            (_current, _keeper) = (next, keeper);
            Generation = generation;
        }

        oldKeeper?.Dispose();
        old.ClearPool();
    }

    private int ReadPointer()
    {
        if (IsInMemory)
        {
            return 1;
        }

        var pointer = _basePath + ".current";
        return File.Exists(pointer) && int.TryParse(File.ReadAllText(pointer).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var generation) && generation > 0
            ? generation
            : 1;
    }
}
