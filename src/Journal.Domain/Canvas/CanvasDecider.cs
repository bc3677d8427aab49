using System.Globalization;
using System.Text.Json.Nodes;
using Journal.Domain.Canvas.Patching;
using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using Journal.Domain.Tape;

namespace Journal.Domain.Canvas;

/// <summary>
/// Decides the commands of one canvas. Stream: <c>canvas-{canvasId}</c>; the canvas version is the
/// stream version (creation is 1, each patch or restore adds one).
/// </summary>
public static class CanvasDecider
{
    /// <summary>The stream of one canvas: <c>canvas-{canvasId}</c>.</summary>
    public static StreamId StreamFor(Guid canvasId) => StreamId.For("canvas", canvasId.ToString("D", CultureInfo.InvariantCulture));

    /// <summary>The state before the first event.</summary>
    public static CanvasState Initial { get; } = new(false, Guid.Empty, Guid.Empty, [], string.Empty, 0);

    /// <summary>This decider as a value, for the store's one call per command.</summary>
    public static Decider<CanvasCommand, CanvasState, ICanvasEvent> Value { get; } = new(c => StreamFor(c.CanvasId), Initial, Decide, Evolve);

    /// <summary>Decides <paramref name="command"/> against <paramref name="state"/>.</summary>
    /// <exception cref="ValidationException">A field is invalid (a missing state, a patch that is not an array, a number beyond the double range).</exception>
    /// <exception cref="TooLargeException">The state or the patch is over <see cref="CanvasLimits"/>.</exception>
    /// <exception cref="NotFoundException"><c>canvas.not_found</c>, <c>canvas_version.not_found</c>.</exception>
    /// <exception cref="WrongExpectedVersionException">The canvas is not at the version the command expected (its version is its stream's).</exception>
    /// <exception cref="RuleViolationException"><c>canvas.exists</c>, <c>canvas.state_not_object</c>, <c>canvas.state_too_deep</c>.</exception>
    /// <exception cref="JsonPatchException">The patch is malformed, a path does not resolve or a <c>test</c> failed; names the operation.</exception>
    public static IReadOnlyList<ICanvasEvent> Decide(CanvasCommand command, CanvasState state) => [Decided(command, state).Event];

    /// <summary>
    /// Decides <paramref name="command"/> like <see cref="Decide"/>, and hands back the state after its event
    /// as the decision computed it: a patch is then applied once, not again by <see cref="Evolve"/>, and the
    /// state keeps the canonical bytes the next patch reuses.
    /// </summary>
    /// <exception cref="JournalException">As <see cref="Decide"/>.</exception>
    public static (ICanvasEvent Event, CanvasState State) Decided(CanvasCommand command, CanvasState state) => command switch
    {
        CreateCanvas c => Create(c, state),
        PatchCanvas c => Patch(c, state),
        RestoreCanvas c => Restore(c, state),
        _ => throw new ArgumentException($"unknown canvas command {command.GetType().Name}", nameof(command)),
    };

    /// <summary>Applies one event. A patch is applied to a copy of the document.</summary>
    public static CanvasState Evolve(CanvasState state, ICanvasEvent @event) => @event switch
    {
        CanvasCreated e => new CanvasState(true, e.CanvasId, e.SessionId, e.State, e.StateSha256, e.Version),
        CanvasPatched e => state with { Document = Applied(state.Document, e.Patch), StateSha256 = e.StateSha256, Version = e.Version, Canonical = null },
        CanvasRestored e => state with { Document = e.State, StateSha256 = e.StateSha256, Version = e.Version, Canonical = null },
        _ => state,
    };

    /// <summary>Creates a canvas: the event and the state after it.</summary>
    public static (CanvasCreated Event, CanvasState State) Create(CreateCanvas c, CanvasState state)
    {
        Require.Id(c.CanvasId, nameof(c.CanvasId));
        Require.Id(c.SessionId, nameof(c.SessionId));
        if (c.State is null)
        {
            throw new ValidationException(nameof(c.State), "must be a JSON object");
        }

        if (state.Exists)
        {
            throw Refuse.Rule("canvas.exists", $"canvas {c.CanvasId} exists already");
        }

        var document = (JsonObject)c.State.DeepClone();
        var hash = HashState(document, nameof(c.State));
        var created = new CanvasCreated(c.CanvasId, c.SessionId, document, hash, 1, c.At);
        return (created, new CanvasState(true, c.CanvasId, c.SessionId, (JsonObject)document.DeepClone(), hash, 1));
    }

    /// <summary>Applies a patch atomically: the event and the state after it.</summary>
    public static (CanvasPatched Event, CanvasState State) Patch(PatchCanvas c, CanvasState state)
    {
        Existing(state, c.CanvasId);
        if (c.ExpectedVersion != state.Version)
        {
            throw Stale(c.CanvasId, c.ExpectedVersion, state.Version);
        }

        var patch = JsonPatch.Parse(c.Patch, nameof(c.Patch));
        if (patch.Operations.Count == 0)
        {
            throw new ValidationException(nameof(c.Patch), "must hold at least one operation");
        }

        if (patch.Operations.Count > CanvasLimits.MaxPatchOperations)
        {
            throw new ValidationException(nameof(c.Patch), $"must hold at most {CanvasLimits.MaxPatchOperations} operations");
        }

        var patchBytes = CanonicalJson.Bytes(c.Patch).Length;
        if (patchBytes > CanvasLimits.MaxPatchBytes)
        {
            throw new TooLargeException("patch", patchBytes, CanvasLimits.MaxPatchBytes);
        }

        if (JsonValues.FindNonFiniteNumber(c.Patch) is { } number)
        {
            throw new ValidationException(nameof(c.Patch), $"the number {number} is beyond the range of a double");
        }

        // Applied to a copy (atomic: a failure leaves the state as it was) that carries the canonical bytes of
        // the state's small containers over; each operation forgets those on its paths before it writes.
        var canonical = new CanonicalCache();
        var copy = CanonicalCache.CloneInto(state.Document, state.Canonical, canonical);
        if (patch.ApplyInPlace(copy, (root, operation) => Forget(canonical, root, operation)) is not JsonObject document)
        {
            throw Refuse.Rule("canvas.state_not_object", $"the patch would make canvas {c.CanvasId}'s state something other than a JSON object");
        }

        // Every number of the state came from a checked creation or patch, so only the size is checked here.
        var hash = SizedHash(document, canonical);
        var patched = new CanvasPatched(c.CanvasId, (JsonArray)c.Patch!.DeepClone(), hash, state.Version + 1, c.At);
        return (patched, state with { Document = document, StateSha256 = hash, Version = state.Version + 1, Canonical = canonical });
    }

    /// <summary>Restores an earlier version's state as a new version: the event and the state after it.</summary>
    public static (CanvasRestored Event, CanvasState State) Restore(RestoreCanvas c, CanvasState state)
    {
        Existing(state, c.CanvasId);
        if (c.ExpectedVersion is { } expected && expected != state.Version)
        {
            throw Stale(c.CanvasId, expected, state.Version);
        }

        if (c.RestoredVersion < 1 || c.RestoredVersion > state.Version || c.RestoredState.Version != c.RestoredVersion)
        {
            throw new NotFoundException("canvas_version", $"{c.CanvasId}@{c.RestoredVersion}");
        }

        var document = (JsonObject)c.RestoredState.Document.DeepClone();
        var restored = new CanvasRestored(c.CanvasId, c.RestoredVersion, document, c.RestoredState.StateSha256, state.Version + 1, c.At);
        return (restored, state with { Document = (JsonObject)document.DeepClone(), StateSha256 = c.RestoredState.StateSha256, Version = state.Version + 1, Canonical = null });
    }

    /// <summary>A stale canvas version is a stale stream version: the same refusal, and the same answer, as any other.</summary>
    private static WrongExpectedVersionException Stale(Guid canvasId, long expected, long actual) =>
        new(StreamFor(canvasId).Value, expected.ToString(CultureInfo.InvariantCulture), actual);

    /// <summary>The hash of a state, refusing one over the size limit or holding a number beyond the double range.</summary>
    private static string HashState(JsonObject document, string field) =>
        JsonValues.FindNonFiniteNumber(document) is { } number
            ? throw new ValidationException(field, $"the number {number} is beyond the range of a double")
            : SizedHash(document);

    private static string SizedHash(JsonObject document, CanonicalCache? canonical = null)
    {
        var (hash, length) = CanonicalJson.Hash(document, canonical, out var depth);
        if (depth > CanvasLimits.MaxStateDepth)
        {
            throw Refuse.Rule("canvas.state_too_deep", $"a canvas state may nest at most {CanvasLimits.MaxStateDepth} levels; this one nests {depth}");
        }

        return length > CanvasLimits.MaxStateBytes ? throw new TooLargeException("canvas state", length, CanvasLimits.MaxStateBytes) : hash;
    }

    private static void Forget(CanonicalCache canonical, JsonNode? root, JsonPatchOperation operation)
    {
        canonical.ForgetPath(root, operation.Path);
        if (operation.From is { } from)
        {
            canonical.ForgetPath(root, from);
        }
    }

    private static JsonObject Applied(JsonObject document, JsonArray patch) =>
        JsonPatch.Parse(patch).Apply(document) as JsonObject
        ?? throw new InvalidOperationException("a recorded canvas patch did not leave a JSON object");

    private static void Existing(CanvasState state, Guid canvasId)
    {
        if (!state.Exists)
        {
            throw Refuse.NotFound("canvas", canvasId);
        }
    }
}
