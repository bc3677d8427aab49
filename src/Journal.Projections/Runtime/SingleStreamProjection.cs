namespace Journal.Projections.Runtime;

/// <summary>
/// A projection that keeps one read-model row per aggregate (a session, a run, a tool job, ...), declared
/// once by the event records it handles:
/// <list type="bullet">
/// <item><see cref="Rows"/> routes each record that changes a row to that row's key; the row is loaded
/// (<see cref="Load"/>, or the cache of rows as last written), folded with the event (<see cref="Evolve"/>)
/// and, when the fold changed it, written (<see cref="Write"/>) and cached;</item>
/// <item><see cref="Steps"/> routes a record to a step of its own (a table beside the rows), run after
/// its row, if it has one.</item>
/// </list>
/// The tape filter (<see cref="EventTypes"/>) is made from both, by the records' <c>[EventType]</c>
/// names, and <see cref="Apply"/> runs nothing that is not routed there, so the filter and the apply code
/// cannot disagree.
/// </summary>
/// <typeparam name="TView">A row as the projection holds it (the fold's state).</typeparam>
public abstract class SingleStreamProjection<TView> : IProjection
    where TView : class
{
    private readonly string _cacheName;

    /// <summary>Declares the projection.</summary>
    /// <param name="name">Its versioned name, such as <c>runs.v1</c>.</param>
    /// <param name="rows">The records that change a row, each routed to the row's key.</param>
    /// <param name="steps">The records with a step of their own (none when null).</param>
    protected SingleStreamProjection(string name, EventRoutes<Guid> rows, EventRoutes<Action<ReadModelWriter, ProjectedEvent>>? steps = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Name = name;
        Rows = rows;
        Steps = steps ?? new EventRoutes<Action<ReadModelWriter, ProjectedEvent>>();
        HandledEvents = Rows.Types.Union(Steps.Types).ToArray();
        EventTypes = Rows.Names.Union(Steps.Names, StringComparer.Ordinal).ToArray();
        _cacheName = ProjectionNames.TablePrefix(name) + "rows";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The tape names of <see cref="HandledEvents"/>: what the engine hands to <see cref="Apply"/>.</summary>
    public IReadOnlyCollection<string> EventTypes { get; }

    /// <summary>Every record routed by <see cref="Rows"/> or <see cref="Steps"/>.</summary>
    public IReadOnlyCollection<Type> HandledEvents { get; }

    /// <summary>The records that change a row, each routed to the row's key.</summary>
    public EventRoutes<Guid> Rows { get; }

    /// <summary>The records with a step of their own, each routed to the step.</summary>
    public EventRoutes<Action<ReadModelWriter, ProjectedEvent>> Steps { get; }

    /// <inheritdoc />
    public abstract void Create(ReadModelWriter db);

    /// <summary>
    /// Applies one event: to its row when <see cref="Rows"/> routes it, then its step when <see cref="Steps"/>
    /// routes it; nothing else. Runs inside the batch's transaction.
    /// </summary>
    public void Apply(ReadModelWriter db, ProjectedEvent e)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(e);
        if (Rows.TryRoute(e.Payload, out var key))
        {
            ApplyToRow(db, e, key);
        }

        if (Steps.TryRoute(e.Payload, out var step))
        {
            step(db, e);
        }
    }

    /// <summary>
    /// The pure fold of one row: the row after <paramref name="e"/>; <paramref name="row"/> itself (or an
    /// equal row) when the event changes nothing, null while there is no row.
    /// </summary>
    public abstract TView? Evolve(TView? row, ProjectedEvent e);

    /// <summary>
    /// What a row costs in memory, roughly, for the cache's byte caps: a small record of ids and numbers by
    /// default; a view that holds text (a document, an output tail) says what its text costs.
    /// </summary>
    protected virtual long SizeOf(TView row) => CacheSizes.SmallRow;

    /// <summary>Reads the stored row <paramref name="key"/>, or null when there is none.</summary>
    protected abstract TView? Load(ReadModelWriter db, Guid key);

    /// <summary>
    /// Writes the row <paramref name="key"/>, changed by <paramref name="e"/> from <paramref name="before"/>
    /// (null for a new row) to <paramref name="after"/>. The row is cached as <paramref name="after"/> once this returns.
    /// </summary>
    protected abstract void Write(ReadModelWriter db, Guid key, TView? before, TView after, ProjectedEvent e);

    private void ApplyToRow(ReadModelWriter db, ProjectedEvent e, Guid key)
    {
        var cache = db.Cache<Guid, TView>(_cacheName, SizeOf);
        if (!cache.TryGet(key, out var before))
        {
            before = Load(db, key);
        }

        var after = Evolve(before, e);
        if (after is null || after.Equals(before))
        {
            return;
        }

        Write(db, key, before, after, e);
        cache.Set(key, after);
    }
}
