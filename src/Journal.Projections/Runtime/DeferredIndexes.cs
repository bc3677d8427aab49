using Journal.Projections.Sql;

namespace Journal.Projections.Runtime;

/// <summary>
/// The ordinary (non-unique) indexes of the projections a rebuild replays into empty tables: dropped when
/// the replay begins and made again, from the statements SQLite kept for them, when it finishes. A
/// rebuild then sorts each index once instead of inserting into it row by row; the generation it
/// switches to has every index its projections create. A rebuild that fails deletes its generation, so a
/// file without them is never current.
/// </summary>
internal sealed class DeferredIndexes(ReadModelWriter db)
{
    private readonly List<string> _statements = [];

    /// <summary>The statements that make the dropped indexes again, in the order they were first made.</summary>
    public IReadOnlyList<string> Pending => _statements;

    /// <summary>Drops the ordinary indexes of <paramref name="projection"/>'s tables and remembers how to make them.</summary>
    public void Drop(string projection)
    {
        var indexes = db.Query(
            RuntimeSql.SelectDeferrableIndexes,
            r => (Name: r.GetString(0), Sql: r.GetString(1)),
            ("$prefix", ProjectionNames.TablePrefix(projection)));
        foreach (var (name, sql) in indexes)
        {
            db.ExecuteScript($"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
            _statements.Add(sql);
        }
    }

    /// <summary>Makes every dropped index again.</summary>
    public void Restore()
    {
        foreach (var sql in _statements)
        {
            db.ExecuteScript(sql);
        }

        _statements.Clear();
    }
}
