using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Journal.Projections.Runtime;

/// <summary>
/// A query run through SQLite's own API inside a transaction's snapshot, its columns read in place: a blob
/// or text column is a span over SQLite's row buffer, valid until the next <see cref="Read"/>. A scan of many
/// rows then allocates nothing per row, where Microsoft.Data.Sqlite copies every blob it reads into a new
/// array (recall's vector scan read a kilobyte of garbage per item that way). Values bind as in
/// <see cref="PreparedWrite"/>.
/// </summary>
internal sealed class PreparedRead : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    /// <summary>Prepares the first statement of <paramref name="sql"/> on <paramref name="transaction"/>'s connection and binds <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">A parameter the statement does not name, or of a type that does not bind.</exception>
    public PreparedRead(SqliteTransaction transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        _db = transaction.Connection?.Handle ?? throw new InvalidOperationException("the transaction's connection is not open");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var statement);
        if (rc != raw.SQLITE_OK || statement is null || statement.IsInvalid)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_OK ? raw.SQLITE_MISUSE : rc, _db);
            throw new InvalidOperationException("the statement could not be prepared");
        }

        _statement = statement;

        try
        {
            foreach (var (name, value) in parameters)
            {
                var slot = raw.sqlite3_bind_parameter_index(_statement, name);
                if (slot == 0 || !PreparedWrite.CanBind(value))
                {
                    throw new ArgumentException($"the statement has no parameter {name}, or its value does not bind", nameof(parameters));
                }

                Check(PreparedWrite.Bind(_statement, slot, value));
            }
        }
        catch
        {
            _statement.Dispose();
            throw;
        }
    }

    /// <summary>Steps to the next row; false once there is none.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return false;
    }

    /// <summary>Whether column <paramref name="ordinal"/> of the current row is NULL.</summary>
    public bool IsNull(int ordinal) => raw.sqlite3_column_type(_statement, ordinal) == raw.SQLITE_NULL;

    /// <summary>Column <paramref name="ordinal"/> as an integer.</summary>
    public long Int64(int ordinal) => raw.sqlite3_column_int64(_statement, ordinal);

    /// <summary>Column <paramref name="ordinal"/> as a real.</summary>
    public double Double(int ordinal) => raw.sqlite3_column_double(_statement, ordinal);

    /// <summary>
    /// Column <paramref name="ordinal"/>'s bytes in place: a blob as stored, a text as its UTF-8 (empty for
    /// NULL). Valid until the next <see cref="Read"/>.
    /// </summary>
    public ReadOnlySpan<byte> Bytes(int ordinal) => raw.sqlite3_column_blob(_statement, ordinal);

    /// <inheritdoc />
    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
