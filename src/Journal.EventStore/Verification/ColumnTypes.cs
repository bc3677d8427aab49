using System.Runtime.InteropServices;
using SQLitePCL;

namespace Journal.EventStore.Verification;

/// <summary>
/// Reads the storage class of a row's columns. SQLitePCL's <c>raw.sqlite3_column_type</c> marshals the statement's
/// SafeHandle (a reference count taken and released) and makes a full GC transition on every call: eleven of them per
/// row cost about a fifth of verification's rate on a million-event tape, while the native function only reads a field.
/// So, when the provider is the bundled <c>e_sqlite3</c> (the library this import names), the function is called
/// directly, without either; with any other provider, through SQLitePCL as usual.
/// </summary>
internal static class ColumnTypes
{
    private static readonly bool Direct = string.Equals(raw.GetNativeLibraryName(), "e_sqlite3", StringComparison.Ordinal);

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
