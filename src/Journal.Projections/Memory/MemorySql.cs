namespace Journal.Projections.Memory;

/// <summary>The statements of <c>memory.v1</c>.</summary>
internal static class MemorySql
{
    public static readonly string Create = Load("Create.sql");
    public static readonly string InsertItem = Load("InsertItem.sql");
    public static readonly string InsertFts = Load("InsertFts.sql");
    public static readonly string UpsertVector = Load("UpsertVector.sql");
    public static readonly string UpdateItem = Load("UpdateItem.sql");
    public static readonly string DeleteItem = Load("DeleteItem.sql");
    public static readonly string StampPrincipal = Load("StampPrincipal.sql");
    public static readonly string BumpEmbedStamp = Load("BumpEmbedStamp.sql");
    public static readonly string SelectStamp = Load("SelectStamp.sql");
    public static readonly string SelectVectors = Load("SelectVectors.sql");
    public static readonly string SelectCachedVectors = Load("SelectCachedVectors.sql");
    public static readonly string SelectVectorsSince = Load("SelectVectorsSince.sql");
    public static readonly string CountVectors = Load("CountVectors.sql");
    public static readonly string CountVectorsSince = Load("CountVectorsSince.sql");
    public static readonly string CountItems = Load("CountItems.sql");
    public static readonly string CountItemsSince = Load("CountItemsSince.sql");
    public static readonly string SelectWordInstances = Load("SelectWordInstances.sql");
    public static readonly string SelectFtsTotals = Load("SelectFtsTotals.sql");
    public static readonly string SelectVectorsOf = Load("SelectVectorsOf.sql");
    public static readonly string BumpRemovals = Load("BumpRemovals.sql");
    public static readonly string SearchFts = Load("SearchFts.sql");
    public static readonly string SelectWordCounts = Load("SelectWordCounts.sql");
    public static readonly string SelectHits = Load("SelectHits.sql");
    public static readonly string SelectItem = Load("SelectItem.sql");
    public static readonly string SelectInScope = Load("SelectInScope.sql");
    public static readonly string SelectStale = Load("SelectStale.sql");
    public static readonly string SelectExpired = Load("SelectExpired.sql");
    public static readonly string SelectOlderThan = Load("SelectOlderThan.sql");
    public static readonly string SelectOverCount = Load("SelectOverCount.sql");
    public static readonly string SelectOverBytes = Load("SelectOverBytes.sql");

    /// <summary>Tags as stored: <c>,a,b,</c>, so that a tag is matched whole with <c>instr(tags, ',a,')</c>.</summary>
    public static string Tags(IReadOnlyList<string> tags) => tags.Count == 0 ? "," : "," + string.Join(',', tags) + ",";

    /// <summary>Tags as stored, back to a list.</summary>
    public static IReadOnlyList<string> Tags(string stored) => stored.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static string Load(string file) => Projections.Sql.ProjectionSql.Load("Memory/" + file);
}
