using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Journal.Projections.Runtime;

/// <summary>
/// A write statement (or several, separated by <c>;</c>) prepared once on the read-model connection and
/// run through SQLite's own API: a replay runs millions of small upserts, and going around the ADO.NET
/// layer (a data reader, a parameter collection and its binder per execution) halves their managed cost.
/// The statements run inside whatever transaction the connection has open. Values bind the way
/// Microsoft.Data.Sqlite binds them; a value of any other type makes <see cref="TryExecute"/> decline,
/// and the caller runs the statement through ADO.NET instead.
/// </summary>
internal sealed class PreparedWrite : IDisposable
{
    private readonly sqlite3 _db;
    private readonly List<(sqlite3_stmt Statement, Dictionary<string, int> Slots)> _statements = [];

    public PreparedWrite(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the read-model connection is not open");
        var rest = sql;
        while (!string.IsNullOrWhiteSpace(rest))
        {
            var rc = raw.sqlite3_prepare_v2(_db, rest, out var statement, out var tail);
            if (rc != raw.SQLITE_OK)
            {
                Dispose();
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            rest = tail;
            if (statement is null || statement.IsInvalid)
            {
                continue;
            }

            var slots = new Dictionary<string, int>(StringComparer.Ordinal);
            var count = raw.sqlite3_bind_parameter_count(statement);
            for (var i = 1; i <= count; i++)
            {
                slots[raw.sqlite3_bind_parameter_name(statement, i).utf8_to_string()] = i;
            }

            _statements.Add((statement, slots));
        }
    }

    /// <summary>Binds and runs every statement; false (nothing run) when a value has a type this path does not bind.</summary>
    public bool TryExecute(ReadOnlySpan<(string Name, object? Value)> parameters, out int changes)
    {
        changes = 0;
        foreach (var (_, value) in parameters)
        {
            if (!CanBind(value))
            {
                return false;
            }
        }

        foreach (var (statement, slots) in _statements)
        {
            foreach (var (name, value) in parameters)
            {
                if (slots.TryGetValue(name, out var slot))
                {
                    Check(Bind(statement, slot, value));
                }
            }

            var rc = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            {
                Check(rc);
            }

            changes += raw.sqlite3_changes(_db);
        }

        return true;
    }

    public void Dispose()
    {
        foreach (var (statement, _) in _statements)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }

    internal static bool CanBind(object? value) => value is null or DBNull or string or long or int or double or bool or byte[];

    /// <summary>Binds <paramref name="value"/> (a type <see cref="CanBind"/> accepts) to <paramref name="slot"/>, as Microsoft.Data.Sqlite would.</summary>
    internal static int Bind(sqlite3_stmt statement, int slot, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, slot),
        string text => BindText(statement, slot, text),
        long number => raw.sqlite3_bind_int64(statement, slot, number),
        int number => raw.sqlite3_bind_int64(statement, slot, number),
        double number => raw.sqlite3_bind_double(statement, slot, number),
        bool flag => raw.sqlite3_bind_int64(statement, slot, flag ? 1 : 0),
        byte[] bytes => raw.sqlite3_bind_blob(statement, slot, bytes),
        _ => throw new ArgumentException($"cannot bind a {value.GetType().Name}", nameof(value)),
    };

    private static int BindText(sqlite3_stmt statement, int slot, string text)
    {
        if (text.Length == 0)
        {
            // An empty span would bind as NULL; the string overload binds ''.
            return raw.sqlite3_bind_text(statement, slot, text);
        }

        // UTF-8 in a pooled buffer; SQLite copies it (SQLITE_TRANSIENT) before the call returns.
        var length = Encoding.UTF8.GetByteCount(text);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, buffer);
            return raw.sqlite3_bind_text(statement, slot, buffer.AsSpan(0, written));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
