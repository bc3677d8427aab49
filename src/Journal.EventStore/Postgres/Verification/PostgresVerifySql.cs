using Journal.EventStore.Sql;

namespace Journal.EventStore.Postgres.Verification;

/// <summary>The PostgreSQL tape's verification statements (<c>Sql/Postgres/Tape/</c>), loaded once.</summary>
internal static class PostgresVerifySql
{
    public static readonly string SelectVerifyRange = Load("SelectVerifyRange.sql");
    public static readonly string SelectHashAt = Load("SelectHashAt.sql");
    public static readonly string SelectSeqByHash = Load("SelectSeqByHash.sql");
    public static readonly string SelectStreamVersionBefore = Load("SelectStreamVersionBefore.sql");
    public static readonly string SelectErasedSeqs = Load("SelectErasedSeqs.sql");
    public static readonly string SelectErasureRecordsAfter = Load("SelectErasureRecordsAfter.sql");
    public static readonly string SelectMissingTables = Load("SelectMissingTables.sql");
    public static readonly string SelectTriggers = Load("SelectTriggers.sql");
    public static readonly string SelectMigrations = SqlText.Load("Postgres/Migrations/SelectApplied.sql");

    private static string Load(string name) => SqlText.Load("Postgres/Tape/" + name);
}
