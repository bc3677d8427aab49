using Journal.Projections.Sql;

namespace Journal.Projections.EventRate;

/// <summary>The statements of <c>event_rate.v1</c>.</summary>
internal static class EventRateRows
{
    public static readonly string Create = ProjectionSql.Load("EventRate/Create.sql");
    public static readonly string Upsert = ProjectionSql.Load("EventRate/Upsert.sql");
    public static readonly string SelectMinute = ProjectionSql.Load("EventRate/SelectMinute.sql");
    public static readonly string SelectBuckets = ProjectionSql.Load("EventRate/SelectBuckets.sql");

    /// <summary>Milliseconds in a minute: the unix minute of a tape time is its milliseconds divided by this.</summary>
    public const long MinuteMs = 60_000;
}
