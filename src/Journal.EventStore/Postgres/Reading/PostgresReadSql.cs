using Journal.EventStore.Sql;

namespace Journal.EventStore.Postgres.Reading;

/// <summary>The PostgreSQL tape's read statements (<c>Sql/Postgres/Tape/</c>), loaded once.</summary>
internal static class PostgresReadSql
{
    public static readonly string SelectStreamForward = Load("SelectStreamForward.sql");
    public static readonly string SelectStreamBackward = Load("SelectStreamBackward.sql");
    public static readonly string SelectStreamFrom = Load("SelectStreamFrom.sql");
    public static readonly string SelectAllFrom = Load("SelectAllFrom.sql");
    public static readonly string SelectByEventId = Load("SelectByEventId.sql");
    public static readonly string SelectHead = Load("SelectHead.sql");
    public static readonly string SelectStreamVersion = Load("SelectStreamVersion.sql");
    public static readonly string SelectStreamHead = Load("SelectStreamHead.sql");
    public static readonly string SelectIdempotency = Load("SelectIdempotency.sql");
    public static readonly string SelectOpenStreams = Load("SelectOpenStreams.sql");
    public static readonly string SelectOpenTypes = Load("SelectOpenTypes.sql");
    public static readonly string SelectKeptOpenStreams = Load("SelectKeptOpenStreams.sql");
    public static readonly string RegisterOpenTypes = Load("RegisterOpenTypes.sql");
    public static readonly string LockHead = SqlText.Load("Postgres/Writing/LockHead.sql");
    public static readonly string SelectStats = Load("SelectStats.sql");
    public static readonly string SelectTypeCounts = Load("SelectTypeCounts.sql");
    public static readonly string RecountStats = Load("RecountStats.sql");
    public static readonly string RecountTypes = Load("RecountTypes.sql");

    private static string Load(string name) => SqlText.Load("Postgres/Tape/" + name);
}
