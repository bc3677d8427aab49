using Journal.Projections.Shared;
using Journal.Projections.Runtime;

namespace Journal.Projections.Runs;

/// <summary><c>runs.v1</c>: one row per run in <c>runs_v1_runs</c>, kept by <see cref="RunFold"/>.</summary>
public sealed class RunsProjection : IProjection
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "runs.v1";

    private const string CacheName = "runs_v1_runs";

    /// <inheritdoc />
    public string Name => ProjectionName;

    /// <inheritdoc />
    public IReadOnlyCollection<string> EventTypes => RunFold.EventTypes;

    /// <inheritdoc />
    public void Create(ReadModelWriter db) => db.ExecuteScript(RunRows.Create);

    /// <inheritdoc />
    public void Apply(ReadModelWriter db, ProjectedEvent e)
    {
        switch (e.Payload)
        {
            case { } @event when RunFold.RunOf(@event) is { } runId:
                var cache = db.Cache<Guid, RunView>(CacheName);
                if (!cache.TryGet(runId, out var before))
                {
                    before = db.Query(RunRows.SelectById, RunRows.Read, ("$run_id", ReadModelValues.Id(runId))).SingleOrDefault();
                }

                var after = RunFold.Evolve(before, @event, e.Seq);
                if (after is not null && after != before)
                {
                    db.Upsert(RunRows.Upsert, ReadModelValues.Id(runId), RunRows.Parameters(after));
                    cache.Set(runId, after);
                }

                break;
        }
    }
}
