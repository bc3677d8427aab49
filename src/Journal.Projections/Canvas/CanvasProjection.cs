using System.Text.Json.Nodes;
using Journal.Domain.Canvas;
using Journal.Domain.Canvas.Patching;
using Journal.Projections.Runtime;
using static Journal.Projections.Shared.ReadModelValues;

namespace Journal.Projections.Canvas;

/// <summary>
/// <c>canvas.v1</c>: the latest state of each canvas (<c>canvas_v1_canvases</c>), every version with who
/// made it and its patch (<c>canvas_v1_versions</c>), a snapshot at creation, at each restore and every
/// <see cref="ProjectionOptions.CanvasSnapshotInterval"/> versions (<c>canvas_v1_snapshots</c>).
/// Deterministic replay: every state it computes is hashed and checked against the hash the tape
/// recorded; a difference is recorded in <c>canvas_v1_mismatches</c> and counted on the canvas (and
/// in the journal's health), never silently accepted.
/// </summary>
public sealed class CanvasProjection : IProjection
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "canvas.v1";

    private const string CacheName = "canvas_v1_canvases";
    private readonly int _snapshotInterval;

    /// <summary>Creates the projection with the default snapshot interval (50).</summary>
    public CanvasProjection()
        : this(new ProjectionOptions())
    {
    }

    /// <summary>Creates the projection with the runtime's settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The snapshot interval is below 1.</exception>
    public CanvasProjection(ProjectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CanvasSnapshotInterval, 1, nameof(options));
        _snapshotInterval = options.CanvasSnapshotInterval;
    }

    /// <inheritdoc />
    public string Name => ProjectionName;

    /// <inheritdoc />
    public IReadOnlyCollection<string> EventTypes { get; } = ["canvas.created.v1", "canvas.patched.v1", "canvas.restored.v1"];

    /// <inheritdoc />
    public void Create(ReadModelWriter db) => db.ExecuteScript(CanvasSql.Create);

    /// <inheritdoc />
    public void Apply(ReadModelWriter db, ProjectedEvent e)
    {
        switch (e.Payload)
        {
            case CanvasCreated x:
                // The cached state is patched in place later, so it is the projection's own copy, not the event's.
                Write(db, e, null, new CanvasRow(x.CanvasId, x.SessionId, x.Version, x.StateSha256, x.At, x.At, x.Version, 0, e.Seq), (JsonObject)x.State.DeepClone(), x, null, null);
                break;
            case CanvasPatched x when Load(db, x.CanvasId) is { } before:
                var (state, failure) = Patch(before, x.Patch);
                var snapshot = x.Version - before.Row.LastSnapshotVersion >= _snapshotInterval;
                Write(db, e, before, before.Row with { Version = x.Version, UpdatedAt = x.At, LastSnapshotVersion = snapshot ? x.Version : before.Row.LastSnapshotVersion, LastPosition = e.Seq }, state, x, x.Patch.ToJsonString(), failure);
                break;
            case CanvasRestored x when Load(db, x.CanvasId) is { } before:
                Write(db, e, before, before.Row with { Version = x.Version, UpdatedAt = x.At, LastSnapshotVersion = x.Version, LastPosition = e.Seq }, (JsonObject)x.State.DeepClone(), x, null, null);
                break;
            case ICanvasEvent x:
                Mismatch(db, x.CanvasId, x.Version, e.Seq, x.StateSha256, null, "the canvas's earlier events are missing from the read model");
                break;
            case null when e.Event.StreamId.StartsWith("canvas-", StringComparison.Ordinal) && Guid.TryParse(e.Event.StreamId.AsSpan(7), out var canvasId):
                Erased(db, e, canvasId);
                break;
        }
    }

    /// <summary>
    /// Patches the cached state in place, without copying the whole document per version: the cache is
    /// the projection's own (emptied whenever an event rolls back). When the patch fails part way, the
    /// state as it was is parsed back from the canonical text cached beside it.
    /// </summary>
    private static (JsonObject State, string? Failure) Patch(CanvasLatest before, JsonArray patch)
    {
        try
        {
            return JsonPatch.Parse(patch).ApplyInPlace(before.State) is JsonObject after ? (after, null) : (Unpatched(before), "the patch did not leave a JSON object");
        }
        catch (Exception ex) when (ex is JsonPatchException or Domain.Errors.ValidationException)
        {
            return (Unpatched(before), ex.Message);
        }
    }

    private static JsonObject Unpatched(CanvasLatest before) => JsonNode.Parse(before.Text)!.AsObject();

    private static void Write(ReadModelWriter db, ProjectedEvent e, CanvasLatest? before, CanvasRow row, JsonObject state, ICanvasEvent x, string? patch, string? failure)
    {
        var (text, hash, _) = CanonicalJson.TextAndHash(state);
        if (failure is not null || hash != x.StateSha256)
        {
            Mismatch(db, x.CanvasId, x.Version, e.Seq, x.StateSha256, failure is null ? hash : null, failure ?? "the recomputed state's hash differs from the tape's");
            row = row with { HashMismatches = row.HashMismatches + 1 };
        }

        // The tape's hash is what clients check against; the recomputed state is kept as computed.
        row = row with { StateSha256 = x.StateSha256 };
        var id = Id(x.CanvasId);
        var (kind, restored) = x switch
        {
            CanvasCreated => ("created", (long?)null),
            CanvasRestored r => ("restored", r.RestoredVersion),
            _ => ("patched", null),
        };
        db.Execute(
            CanvasSql.InsertVersion,
            ("$canvas_id", id),
            ("$version", x.Version),
            ("$kind", kind),
            ("$patch", patch),
            ("$restored_version", restored),
            ("$state_sha256", x.StateSha256),
            ("$actor", e.Event.Metadata.Actor),
            ("$principal", e.Event.Metadata.Principal),
            ("$at", Ms(row.UpdatedAt)),
            ("$position", e.Seq));
        if (row.LastSnapshotVersion == x.Version)
        {
            db.Execute(CanvasSql.InsertSnapshot, ("$canvas_id", id), ("$version", x.Version), ("$state", text), ("$state_sha256", x.StateSha256));
        }

        Save(db, row, state, text, before is null);
    }

    private static void Save(ReadModelWriter db, CanvasRow row, JsonObject state, string text, bool isNew)
    {
        var id = Id(row.CanvasId);
        (string Name, object? Value)[] parameters =
        [
            ("$canvas_id", id),
            ("$session_id", Id(row.SessionId)),
            ("$version", row.Version),
            ("$state", text),
            ("$state_sha256", row.StateSha256),
            ("$created_at", Ms(row.CreatedAt)),
            ("$updated_at", Ms(row.UpdatedAt)),
            ("$last_snapshot_version", row.LastSnapshotVersion),
            ("$mismatches", row.HashMismatches),
            ("$last_position", row.LastPosition),
        ];
        if (isNew)
        {
            db.Execute(CanvasSql.UpsertCanvas, parameters);
        }
        else
        {
            // A canvas patched many times in a batch is written once, with its last state.
            db.Upsert(CanvasSql.UpsertCanvas, id, parameters);
        }

        db.Cache<Guid, CanvasLatest>(CacheName, CanvasLatest.SizeOf).Set(row.CanvasId, new CanvasLatest(row, state, text));
    }

    private static CanvasLatest? Load(ReadModelWriter db, Guid canvasId)
    {
        var cache = db.Cache<Guid, CanvasLatest>(CacheName, CanvasLatest.SizeOf);
        if (cache.TryGet(canvasId, out var cached))
        {
            return cached;
        }

        return db.Query(CanvasSql.SelectCanvas, CanvasSql.ReadRowWithState, ("$canvas_id", Id(canvasId))) is [var (row, state)]
            ? new CanvasLatest(row, JsonNode.Parse(state)!.AsObject(), state)
            : null;
    }

    private static void Erased(ReadModelWriter db, ProjectedEvent e, Guid canvasId)
    {
        Mismatch(db, canvasId, e.Event.StreamVersion, e.Seq, string.Empty, null, "the event's payload was erased; later states are computed without it");
        if (Load(db, canvasId) is { } before)
        {
            var row = before.Row with { Version = e.Event.StreamVersion, HashMismatches = before.Row.HashMismatches + 1, LastPosition = e.Seq };
            Save(db, row, before.State, before.Text, isNew: false);
        }
    }

    private static void Mismatch(ReadModelWriter db, Guid canvasId, long version, long position, string expected, string? actual, string reason) =>
        db.Execute(
            CanvasSql.InsertMismatch,
            ("$canvas_id", Id(canvasId)),
            ("$version", version),
            ("$position", position),
            ("$expected_sha256", expected),
            ("$actual_sha256", actual),
            ("$reason", reason));

    /// <summary>A canvas's row and state as last written, with the state's text as stored.</summary>
    private sealed record CanvasLatest(CanvasRow Row, JsonObject State, string Text)
    {
        // The text at two bytes a character, and the parsed tree at about four times the text (nodes,
        // property dictionaries and their strings): a cache of canvases is capped by what it holds.
        public static long SizeOf(CanvasLatest latest) => 512 + (10L * latest.Text.Length);
    }
}
