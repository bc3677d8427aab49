using Journal.Projections.Shared;
using Journal.Projections.Runtime;

namespace Journal.Projections.Runs;

/// <summary><c>runs.v2</c>: one row per run in <c>runs_v2_runs</c>, kept by <see cref="RunFold"/> from the events of <see cref="RunFold.Routes"/>.</summary>
public sealed class RunsProjection() : SingleStreamProjection<RunView>(ProjectionName, RunFold.Routes)
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "runs.v2";

    /// <inheritdoc />
    public override void Create(ReadModelWriter db) => db.ExecuteScript(RunRows.Create);

    /// <inheritdoc />
    public override RunView? Evolve(RunView? row, ProjectedEvent e) => RunFold.Evolve(row, e);

    /// <inheritdoc />
    protected override RunView? Load(ReadModelWriter db, Guid key) =>
        db.Query(RunRows.SelectById, RunRows.Read, ("$run_id", ReadModelValues.Id(key))).SingleOrDefault();

    /// <inheritdoc />
    protected override void Write(ReadModelWriter db, Guid key, RunView? before, RunView after, ProjectedEvent e) =>
        db.Upsert(RunRows.Upsert, ReadModelValues.Id(key), RunRows.Parameters(after));
}
