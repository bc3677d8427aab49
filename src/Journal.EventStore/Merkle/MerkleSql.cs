using Journal.EventStore.Sql;

namespace Journal.EventStore.Merkle;

/// <summary>The tree's statements (<c>Sql/Merkle/</c> for the SQLite side file, <c>Sql/Postgres/Merkle/</c>), loaded once.</summary>
internal static class MerkleSql
{
    public static readonly string CreateTree = SqlText.Load("Merkle/CreateTree.sql");
    public static readonly string SelectState = SqlText.Load("Merkle/SelectState.sql");
    public static readonly string SaveState = SqlText.Load("Merkle/SaveState.sql");
    public static readonly string ResetTree = SqlText.Load("Merkle/ResetTree.sql");
    public static readonly string InsertNode = SqlText.Load("Merkle/InsertNode.sql");
    public static readonly string SelectNodes = SqlText.Load("Merkle/SelectNodes.sql");
    public static readonly string SelectHashRange = SqlText.Load("Tape/SelectHashRange.sql");

    public static readonly string PostgresSelectState = SqlText.Load("Postgres/Merkle/SelectState.sql");
    public static readonly string PostgresSaveState = SqlText.Load("Postgres/Merkle/SaveState.sql");
    public static readonly string PostgresResetTree = SqlText.Load("Postgres/Merkle/ResetTree.sql");
    public static readonly string PostgresInsertNodes = SqlText.Load("Postgres/Merkle/InsertNodes.sql");
    public static readonly string PostgresSelectNodes = SqlText.Load("Postgres/Merkle/SelectNodes.sql");
    public static readonly string PostgresSelectHashRange = SqlText.Load("Postgres/Tape/SelectHashRange.sql");
}
