using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Journal.Reliability.Tests.Support;

/// <summary>
/// Every row of every read-model table as text, ordered, for comparing two read-model files. FTS shadow
/// tables (their layout depends on the write history, not on the content) and wall-clock columns are left out.
/// </summary>
public static class ReadModelDump
{
    private static readonly HashSet<string> WallClockColumns = new(StringComparer.Ordinal) { "updated_at", "applied_at" };

    public static SortedDictionary<string, List<string>> Of(SqliteConnection connection)
    {
        var tables = new List<(string Name, string Sql)>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var virtualTables = tables.Where(t => t.Sql.StartsWith("CREATE VIRTUAL", StringComparison.OrdinalIgnoreCase)).Select(t => t.Name).ToList();
        var dump = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, _) in tables)
        {
            if (virtualTables.Any(v => name.StartsWith(v + "_", StringComparison.Ordinal)) || name.Contains("migrations", StringComparison.Ordinal))
            {
                continue;
            }

            var columns = Columns(connection, name).Where(c => !WallClockColumns.Contains(c)).ToList();
            using var select = connection.CreateCommand();
            var quoted = string.Join(", ", columns.Select(c => "\"" + c + "\""));
            select.CommandText = $"SELECT {quoted} FROM \"{name}\" ORDER BY {string.Join(", ", Enumerable.Range(1, columns.Count))}";
            var rows = new List<string>();
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    var row = new StringBuilder();
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        row.Append(columns[i]).Append('=').Append(Text(reader.GetValue(i))).Append(';');
                    }

                    rows.Add(row.ToString());
                }
            }

            dump[name] = rows;
        }

        return dump;
    }

    private static List<string> Columns(SqliteConnection connection, string table)
    {
        using var info = connection.CreateCommand();
        info.CommandText = $"SELECT name FROM pragma_table_info('{table.Replace("'", "''", StringComparison.Ordinal)}')";
        using var reader = info.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static string Text(object value) => value switch
    {
        byte[] bytes => Convert.ToHexString(bytes),
        DBNull => "NULL",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
