using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Journal.EventStore.Storage;

/// <summary>
/// One statement prepared straight on a connection's SQLite handle: the writer's statements run once per
/// event (the insert and the event-id lookup), and the hot reads a <see cref="ReadSession"/> keeps. Binding
/// by index through the native API skips the ADO.NET parameter layer, which was about 40% of an insert's
/// time on the writer thread, and columns read in place skip the data reader's per-row and per-column work
/// (a page of 50 transcript entries: 35 µs instead of 76 on this machine).
/// Errors surface as <see cref="SqliteException"/> with SQLite's own code and message, as through ADO.NET,
/// and a step that finds the database busy or a shared-cache table locked is retried, as ADO.NET does,
/// until the connection's command timeout.
/// </summary>
public sealed class NativeStatement : IDisposable
{
    private const int LockedSharedCache = 262; // SQLITE_LOCKED_SHAREDCACHE

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly TimeSpan _busyTimeout;
    private readonly Action? _onBusy;
    private bool _midRows;

    /// <param name="connection">An open connection.</param>
    /// <param name="sql">One statement.</param>
    /// <param name="onBusy">Called before each retry of a busy or locked step (a seam for tests).</param>
    public NativeStatement(SqliteConnection connection, string sql, Action? onBusy = null)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        _busyTimeout = TimeSpan.FromSeconds(connection.DefaultTimeout);
        _onBusy = onBusy;
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>The 1-based index of a named parameter of the SQL; throws when the SQL has no such parameter.</summary>
    public int Parameter(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new InvalidOperationException($"the statement has no parameter {name}");
    }

    /// <summary>Binds parameter <paramref name="index"/> (from <see cref="Parameter"/>).</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Binds parameter <paramref name="name"/>.</summary>
    public void Bind(string name, long value) => Bind(Parameter(name), value);

    /// <summary>Binds parameter <paramref name="name"/>.</summary>
    public void Bind(string name, string value) => Bind(Parameter(name), value);

    /// <summary>Binds parameter <paramref name="index"/>.</summary>
    public void Bind(int index, string value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    /// <summary>Binds parameter <paramref name="index"/>.</summary>
    public void Bind(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Runs a statement that returns no row, then resets it for the next use.</summary>
    public void Execute()
    {
        var rc = StepRetrying();
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            Fail(rc);
        }

        Reset();
    }

    /// <summary>
    /// Steps to the next row (the first, on a fresh or reset statement); false when there is none. Call
    /// <see cref="Reset"/> when done with the rows.
    /// </summary>
    public bool Step()
    {
        var rc = StepRetrying();
        if (rc == raw.SQLITE_ROW)
        {
            _midRows = true;
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            Fail(rc);
        }

        return false;
    }

    /// <summary>Column <paramref name="column"/> (0-based) of the current row as an integer.</summary>
    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    /// <summary>Column <paramref name="column"/> of the current row as text.</summary>
    public string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    /// <summary>Column <paramref name="column"/> of the current row as a new array.</summary>
    public byte[] Blob(int column) => raw.sqlite3_column_blob(_statement, column).ToArray();

    /// <summary>Whether column <paramref name="column"/> of the current row is NULL.</summary>
    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    /// <summary>
    /// Column <paramref name="column"/>'s bytes in place: a blob as stored, a text as its UTF-8, empty for
    /// NULL. Valid until the next step or reset.
    /// </summary>
    public ReadOnlySpan<byte> Bytes(int column) => raw.sqlite3_column_blob(_statement, column);

    /// <summary>Readies the statement for its next run (bindings are kept and overwritten then).</summary>
    public void Reset()
    {
        _midRows = false;
        raw.sqlite3_reset(_statement);
    }

    /// <inheritdoc />
    public void Dispose() => _statement.Dispose();

    /// <summary>
    /// Steps; while SQLite answers busy or locked, resets and tries again until the timeout. Never once rows have
    /// been handed out: a reset there would start the rows over, so the error is the caller's.
    /// </summary>
    private int StepRetrying()
    {
        var started = Environment.TickCount64;
        while (true)
        {
            var rc = raw.sqlite3_step(_statement);
            if (_midRows
                || rc is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED or LockedSharedCache)
                || Environment.TickCount64 - started >= _busyTimeout.TotalMilliseconds)
            {
                return rc;
            }

            raw.sqlite3_reset(_statement);
            _onBusy?.Invoke();
            Thread.Sleep(1);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private void Fail(int rc)
    {
        // The exception takes SQLite's message for the failed step before the reset runs.
        try
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
        finally
        {
            Reset();
        }
    }
}
