using Journal.EventStore.Storage;
using Journal.Projections.Querying;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Shared;

/// <summary>
/// How query handlers read a read-model connection: one statement, named parameters (<c>$name</c>)
/// always bound, rows mapped by the caller. Plain static methods, not extensions, so that other
/// features may keep helpers of their own without ambiguous calls.
/// </summary>
internal static class ReadModelQueries
{
    /// <summary>Runs <paramref name="sql"/> and maps every row.</summary>
    public static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        Rows(connection, null, sql, map, parameters);

    /// <summary>Runs <paramref name="sql"/> inside <paramref name="transaction"/> (one snapshot for several reads) and maps every row.</summary>
    public static List<T> Rows<T>(SqliteTransaction transaction, string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        Rows(transaction.Connection!, transaction, sql, map, parameters);

    /// <summary>Runs <paramref name="sql"/> inside <paramref name="transaction"/> and maps its first row, or returns null when there is none.</summary>
    public static T? Row<T>(SqliteTransaction transaction, string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> parameters)
        where T : class => Row(transaction.Connection!, transaction, sql, map, parameters);

    /// <summary>Runs <paramref name="sql"/> and maps its first row, or returns null when there is none.</summary>
    public static T? Row<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> parameters)
        where T : class => Row(connection, null, sql, map, parameters);

    /// <summary>Runs <paramref name="sql"/> with the session's prepared statement and maps every row.</summary>
    public static List<T> Rows<T>(ReadSession session, string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var reader = BindTo(session.Command(sql), parameters).ExecuteReader();
        return Collect(reader, map);
    }

    /// <summary>Runs <paramref name="sql"/> with the session's prepared statement and maps its first row, or returns null when there is none.</summary>
    public static T? Row<T>(ReadSession session, string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> parameters)
        where T : class
    {
        using var reader = BindTo(session.Command(sql), parameters).ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    /// <summary>
    /// Maps every row of <paramref name="statement"/>, bound by the caller (a <see cref="ReadSession.Statement"/>),
    /// then resets it.
    /// </summary>
    public static List<T> Rows<T>(NativeStatement statement, Func<NativeStatement, T> map)
    {
        try
        {
            var rows = new List<T>();
            while (statement.Step())
            {
                rows.Add(map(statement));
            }

            return rows;
        }
        finally
        {
            statement.Reset();
        }
    }

    private static List<T> Rows<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> map, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Bind(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        return Collect(reader, map);
    }

    private static List<T> Collect<T>(SqliteDataReader reader, Func<SqliteDataReader, T> map)
    {
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static T? Row<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> map, ReadOnlySpan<(string Name, object? Value)> parameters)
        where T : class
    {
        using var command = Bind(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    /// <summary>
    /// Cuts a page from rows fetched with one row more than <paramref name="limit"/>: that extra row
    /// only proves there is a next page, whose cursor is the key of the page's last row.
    /// </summary>
    public static Page<T> ToPage<T>(List<T> rows, int limit, string listing, Func<T, string[]> key)
    {
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, null);
        }

        var items = rows.GetRange(0, limit);
        return new Page<T>(items, PageCursor.Encode(listing, key(items[^1])));
    }

    private static SqliteCommand Bind(SqliteConnection connection, SqliteTransaction? transaction, string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return BindTo(command, parameters);
    }

    private static SqliteCommand BindTo(SqliteCommand command, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
