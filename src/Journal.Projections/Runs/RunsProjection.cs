using Journal.Projections.Shared;
using Journal.Projections.Runtime;

namespace Journal.Projections.Runs;

/// <summary><c>runs.v1</c>: one row per run in <c>runs_v1_runs</c>, kept by <see cref="RunFold"/> from the events of <see cref="RunFold.Routes"/>.</summary>
public sealed class RunsProjection() : SingleStreamProjection<RunView>(ProjectionName, RunFold.Routes)
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "runs.v1";

    /// <inheritdoc />
    public override void Create(ReadModelWriter db) => db.ExecuteScript(RunRows.Create);

    /// <inheritdoc />
    public override RunView? Evolve(RunView? row, ProjectedEvent e) =>
        e.Payload is { } @event ? RunFold.Evolve(row, @event, e.Seq) : row;

    /// <inheritdoc />
    protected override RunView? Load(ReadModelWriter db, Guid key) =>
        db.Query(RunRows.SelectById, RunRows.Read, ("$run_id", ReadModelValues.Id(key))).SingleOrDefault();

    /// <inheritdoc />
    protected override void Write(ReadModelWriter db, Guid key, RunView? before, RunView after, ProjectedEvent e) =>
        db.Upsert(RunRows.Upsert, ReadModelValues.Id(key), RunRows.Parameters(after));
}
