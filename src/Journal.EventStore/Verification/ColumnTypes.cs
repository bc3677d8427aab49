using System.Runtime.InteropServices;
using SQLitePCL;

namespace Journal.EventStore.Verification;

/// <summary>
/// The storage class each column of a row must have, and how to read them cheaply. SQLitePCL's
/// <c>raw.sqlite3_column_type</c> marshals the statement's SafeHandle (a reference count taken and released) and
/// makes a full GC transition on every call: eleven of them per row cost about a fifth of verification's rate on a
/// million-event tape, while the native function only reads a field. So, when the provider is the bundled
/// <c>e_sqlite3</c> (the library this import names), the function is called directly, without either; with any
/// other provider, through SQLitePCL as usual.
/// </summary>
internal static class ColumnTypes
{
    private static readonly bool Direct = string.Equals(raw.GetNativeLibraryName(), "e_sqlite3", StringComparison.Ordinal);

    /// <summary>The row's columns in the order of SelectVerifyRange.sql, with the storage class each must have (docs/hash-chain.md, The table).</summary>
    private static readonly (string Name, string Expected, int Class)[] Columns =
    [
        ("seq", "INTEGER", raw.SQLITE_INTEGER),
        ("event_id", "BLOB", raw.SQLITE_BLOB),
        ("stream_id", "TEXT", raw.SQLITE_TEXT),
        ("stream_version", "INTEGER", raw.SQLITE_INTEGER),
        ("event_type", "TEXT", raw.SQLITE_TEXT),
        ("recorded_at", "INTEGER", raw.SQLITE_INTEGER),
        ("metadata", "BLOB", raw.SQLITE_BLOB),
        ("payload", "BLOB or NULL", raw.SQLITE_BLOB),
        ("payload_digest", "BLOB", raw.SQLITE_BLOB),
        ("prev_hash", "BLOB", raw.SQLITE_BLOB),
        ("hash", "BLOB", raw.SQLITE_BLOB),
    ];

    /// <summary>Columns in a row.</summary>
    public static int Count => Columns.Length;

    /// <summary>The first column after seq that is not in its storage class (payload may be NULL); null when all are.</summary>
    public static int? Misplaced(ReadOnlySpan<int> classes)
    {
        for (var i = 1; i < classes.Length; i++)
        {
            if (classes[i] != Columns[i].Class && !(i == 7 && classes[i] == raw.SQLITE_NULL))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>The column and its required class, as a mismatch states it, e.g. <c>stream_id TEXT</c>.</summary>
    public static string Describe(int column) => Columns[column].Name + " " + Columns[column].Expected;

    /// <summary>The column and the class found, e.g. <c>stream_id BLOB</c>.</summary>
    public static string Describe(int column, int storageClass) => Columns[column].Name + " " + storageClass switch
    {
        raw.SQLITE_INTEGER => "INTEGER",
        raw.SQLITE_FLOAT => "REAL",
        raw.SQLITE_TEXT => "TEXT",
        raw.SQLITE_BLOB => "BLOB",
        _ => "NULL",
    };

    /// <summary>Fills <paramref name="classes"/> with the SQLite type codes of columns 0.. of the current row; call before reading any value.</summary>
    public static void Read(sqlite3_stmt statement, Span<int> classes)
    {
        if (!Direct)
        {
            for (var i = 0; i < classes.Length; i++)
            {
                classes[i] = raw.sqlite3_column_type(statement, i);
            }

            return;
        }

        // The caller holds the statement for the whole scan, so the raw handle stays valid here.
        var handle = statement.DangerousGetHandle();
        for (var i = 0; i < classes.Length; i++)
        {
            classes[i] = NativeColumnType(handle, i);
        }
    }

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_column_type", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    private static extern int NativeColumnType(IntPtr statement, int column);
}
