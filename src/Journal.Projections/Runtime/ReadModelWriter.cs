using Microsoft.Data.Sqlite;

namespace Journal.Projections.Runtime;

/// <summary>
/// What a projection writes through: one connection and the current batch's transaction, with every
/// statement prepared once and reused (the SQL text is the cache key).
/// </summary>
public sealed class ReadModelWriter : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PreparedWrite> _writes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadModelCache> _caches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, (string Name, object? Value)[]>> _deferred = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, (string Name, object? Value)[]>> _deferredByReference = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, PreparedWrite> _writesByReference = new(ReferenceEqualityComparer.Instance);
    private const int MaxRemembered = 512;
    private SqliteTransaction? _transaction;

    internal ReadModelWriter(SqliteConnection connection) => Connection = connection;

    /// <summary>The read-model connection (for reads inside the batch, too).</summary>
    public SqliteConnection Connection { get; }

    internal SqliteTransaction? Transaction
    {
        get => _transaction;
        set
        {
            _transaction = value;
            foreach (var command in _commands.Values)
            {
                command.Transaction = value;
            }
        }
    }

    /// <summary>Runs a statement with named parameters (<c>$name</c>); returns rows changed.</summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (!TryFind(_writesByReference, _writes, sql, out var write))
        {
            write = new PreparedWrite(Connection, sql);
            Remember(_writesByReference, _writes, sql, write);
        }

        return write.TryExecute(parameters, out var changes) ? changes : Bind(sql, parameters).ExecuteNonQuery();
    }

    /// <summary>Runs a query and returns its first column of the first row (or default).</summary>
    public T? Scalar<T>(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var value = Bind(sql, parameters).ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a query and maps each row.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var reader = Bind(sql, parameters).ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>
    /// Writes the row <paramref name="key"/> with an idempotent statement (an upsert of the whole row).
    /// While a batch applies without savepoints, the statement runs once per key when the batch ends, with
    /// the last parameters given, so a row changed by many events of a batch is written once; the
    /// committed state is the same. A projection that writes a row this way must not read it back with
    /// SQL in the same batch (keep it in a <see cref="Cache{TKey, TValue}"/>).
    /// </summary>
    public void Upsert(string sql, string key, (string Name, object? Value)[] parameters)
    {
        if (DeferWrites)
        {
            if (!TryFind(_deferredByReference, _deferred, sql, out var rows))
            {
                rows = new Dictionary<string, (string Name, object? Value)[]>(StringComparer.Ordinal);
                Remember(_deferredByReference, _deferred, sql, rows);
            }

            rows[key] = parameters;
        }
        else
        {
            Execute(sql, parameters);
        }
    }

    /// <summary>
    /// True while a rebuild replays the tape into the current projection's empty tables (then an
    /// <see cref="IReplayFinisher"/> finishes what the projection left out); false when events apply live.
    /// </summary>
    public bool Replaying { get; internal set; }

    /// <summary>Whether <see cref="Upsert"/> waits for <see cref="FlushDeferred"/>.</summary>
    internal bool DeferWrites { get; set; }

    /// <summary>Runs the deferred upserts.</summary>
    internal void FlushDeferred()
    {
        foreach (var (sql, rows) in _deferred)
        {
            foreach (var parameters in rows.Values)
            {
                Execute(sql, parameters);
            }
        }

        ClearDeferred();
    }

    /// <summary>Forgets the deferred upserts and every cache (the batch rolled back).</summary>
    internal void Discard()
    {
        ClearDeferred();
        InvalidateCaches();
    }

    /// <summary>
    /// A cache of rows as this writer last wrote them, named by the projection (use its table prefix), kept
    /// across batches and emptied whenever a batch or an event's savepoint rolls back, so it never holds a
    /// value the database does not. Update it only after every statement of the event succeeded.
    /// </summary>
    /// <param name="name">The cache's name.</param>
    /// <param name="sizeOf">What a row costs in memory, roughly, for the cache's byte cap (a fixed small estimate when null).</param>
    public ReadModelCache<TKey, TValue> Cache<TKey, TValue>(string name, Func<TValue, long>? sizeOf = null)
        where TKey : notnull
    {
        if (!_caches.TryGetValue(name, out var cache))
        {
            cache = new ReadModelCache<TKey, TValue>(sizeOf, ReadModelCache<TKey, TValue>.DefaultCapBytes);
            _caches[name] = cache;
        }

        return (ReadModelCache<TKey, TValue>)cache;
    }

    /// <summary>Empties every cache (after a rollback).</summary>
    internal void InvalidateCaches()
    {
        foreach (var cache in _caches.Values)
        {
            cache.Clear();
        }
    }

    /// <summary>
    /// The most bytes all caches of this writer keep together from one batch to the next: with ten
    /// projections each near its own cap, a rebuild's memory would otherwise be ten caps.
    /// </summary>
    public const long CachesBudgetBytes = 64L * 1024 * 1024;

    /// <summary>What every cache of this writer holds, as counted by their sizes.</summary>
    public long CachedBytes => _caches.Values.Sum(c => c.Bytes);

    /// <summary>
    /// Empties the caches that outgrew their own bound, then, while all together hold more than
    /// <see cref="CachesBudgetBytes"/>, the largest (between batches, when nothing is deferred).
    /// </summary>
    internal void TrimCaches()
    {
        foreach (var cache in _caches.Values)
        {
            cache.Trim();
        }

        var total = CachedBytes;
        while (total > CachesBudgetBytes)
        {
            var largest = _caches.Values.MaxBy(c => c.Bytes)!;
            total -= largest.Bytes;
            largest.Clear();
        }
    }

    /// <summary>Runs DDL or several statements at once (not cached).</summary>
    public void ExecuteScript(string sql)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        foreach (var write in _writes.Values)
        {
            write.Dispose();
        }

        _commands.Clear();
        _writes.Clear();
        _writesByReference.Clear();
        _deferred.Clear();
        _deferredByReference.Clear();
    }

    private void ClearDeferred()
    {
        if (_deferred.Count > MaxRemembered)
        {
            // Statement texts built on the fly: start over rather than keep a slot for each.
            _deferred.Clear();
            _deferredByReference.Clear();
            return;
        }

        foreach (var rows in _deferred.Values)
        {
            rows.Clear();
        }
    }

    /// <summary>
    /// What belongs to a statement text. Projections pass static SQL texts, so the text's reference is
    /// tried first (no hashing of a long statement per event); equal texts always share one entry.
    /// </summary>
    private static bool TryFind<T>(Dictionary<string, T> byReference, Dictionary<string, T> byText, string sql, out T found)
    {
        if (byReference.TryGetValue(sql, out found!))
        {
            return true;
        }

        if (!byText.TryGetValue(sql, out found!))
        {
            return false;
        }

        Remember(byReference, byText, sql, found);
        return true;
    }

    private static void Remember<T>(Dictionary<string, T> byReference, Dictionary<string, T> byText, string sql, T value)
    {
        byText[sql] = value;
        if (byReference.Count < MaxRemembered)
        {
            byReference[sql] = value;
        }
    }

    private SqliteCommand Bind(string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = _transaction;
            _commands[sql] = command;
        }

        // Callers pass a statement's parameters in the same order every time: match by position first.
        var bound = command.Parameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            var (name, value) = parameters[i];
            SqliteParameter parameter;
            if (i < bound.Count && string.Equals(bound[i].ParameterName, name, StringComparison.Ordinal))
            {
                parameter = bound[i];
            }
            else
            {
                var index = bound.IndexOf(name);
                parameter = index >= 0 ? bound[index] : bound.Add(new SqliteParameter { ParameterName = name });
            }

            parameter.Value = value ?? DBNull.Value;
        }

        return command;
    }
}

/// <summary>What <see cref="ReadModelWriter.InvalidateCaches"/> empties.</summary>
internal interface IReadModelCache
{
    long Bytes { get; }

    void Clear();

    void Trim();
}

/// <summary>
/// Rows a projection wrote through one <see cref="ReadModelWriter"/>, by key, so the next event of the
/// same row does not read it back. Bounded in rows and in bytes: between batches, it starts over once it
/// holds more than 100,000 rows or more than <see cref="CapBytes"/> (a rebuild's memory then does not
/// follow the tape, whatever the rows hold: a canvas's parsed state can be megabytes).
/// </summary>
public sealed class ReadModelCache<TKey, TValue> : IReadModelCache
    where TKey : notnull
{
    /// <summary>The default <see cref="CapBytes"/>: 32 MiB a cache.</summary>
    public const long DefaultCapBytes = 32L * 1024 * 1024;


    /// <summary>What the dictionary spends on each row beside the value (entry, bucket, key).</summary>
    public const long EntryOverhead = 48;

    private const int Capacity = 100_000;
    private readonly Dictionary<TKey, (TValue Value, long Bytes)> _rows = [];
    private readonly Func<TValue, long>? _sizeOf;

    internal ReadModelCache(Func<TValue, long>? sizeOf, long capBytes)
    {
        _sizeOf = sizeOf;
        CapBytes = capBytes;
    }

    /// <summary>The most bytes the cache keeps from one batch to the next.</summary>
    public long CapBytes { get; }

    /// <summary>What the cached rows cost, as counted by the size given to <see cref="ReadModelWriter.Cache{TKey, TValue}"/>.</summary>
    public long Bytes { get; private set; }

    /// <summary>The row as last written, if cached.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        if (_rows.TryGetValue(key, out var row))
        {
            value = row.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Records the row as just written.</summary>
    public void Set(TKey key, TValue value)
    {
        var bytes = (_sizeOf?.Invoke(value) ?? CacheSizes.SmallRow) + EntryOverhead;
        if (_rows.TryGetValue(key, out var old))
        {
            Bytes -= old.Bytes;
        }

        _rows[key] = (value, bytes);
        Bytes += bytes;
    }

    /// <inheritdoc />
    public void Clear()
    {
        _rows.Clear();
        _rows.TrimExcess();
        Bytes = 0;
    }

    /// <inheritdoc />
    public void Trim()
    {
        if (_rows.Count > Capacity || Bytes > CapBytes)
        {
            Clear();
        }
    }
}
