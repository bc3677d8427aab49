using System.Text.Json.Nodes;

namespace Journal.Projections.Canvas;

/// <summary>A canvas in the read model, without its state.</summary>
/// <param name="SessionId">Its session.</param>
/// <param name="Version">Its latest version (the stream version; also its <c>ETag</c>).</param>
/// <param name="StateSha256">SHA-256 of the latest state's canonical form.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When its latest version was made.</param>
/// <param name="LastSnapshotVersion">The version of its latest snapshot.</param>
/// <param name="HashMismatches">Versions whose recomputed state did not match the hash on the tape (0 when replay was exact).</param>
/// <param name="LastPosition">Tape position of its latest event.</param>
public sealed record CanvasRow(
    Guid CanvasId, Guid SessionId, long Version, string StateSha256, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long LastSnapshotVersion, int HashMismatches, long LastPosition);

/// <summary>A canvas with its latest state.</summary>
/// <param name="State">Its latest state, in canonical form (members sorted by name).</param>
public sealed record CanvasView(CanvasRow Canvas, JsonObject State);

/// <summary>One version of a canvas, without its state.</summary>
/// <param name="Kind"><c>created</c>, <c>patched</c> or <c>restored</c>.</param>
/// <param name="RestoredVersion">For a restore, the version whose state came back.</param>
/// <param name="StateSha256">SHA-256 of the state's canonical form after this version.</param>
/// <param name="Actor">Who made it (the metadata's actor; the API key's name over HTTP).</param>
/// <param name="Principal">On whose behalf, when given.</param>
/// <param name="At">When.</param>
/// <param name="Position">Its tape position.</param>
public sealed record CanvasVersionRow(
    Guid CanvasId, long Version, string Kind, long? RestoredVersion, string StateSha256, string? Actor, string? Principal, DateTimeOffset At, long Position);

/// <summary>A canvas's state as of one version (time travel).</summary>
/// <param name="StateSha256">SHA-256 of that state's canonical form, as the tape recorded it.</param>
/// <param name="SnapshotVersion">The snapshot it was computed from.</param>
/// <param name="PatchesApplied">How many patches were applied on top of that snapshot (at most the snapshot interval minus one).</param>
/// <param name="State">The state, in canonical form.</param>
public sealed record CanvasAtVersion(Guid CanvasId, long Version, string StateSha256, long SnapshotVersion, int PatchesApplied, JsonObject State);

/// <summary>A version whose recomputed state did not match the state hash the tape recorded.</summary>
/// <param name="Position">Its tape position.</param>
/// <param name="ExpectedSha256">The hash on the tape.</param>
/// <param name="ActualSha256">The hash of the recomputed state (null when none could be computed).</param>
/// <param name="Reason">Why: <c>hash differs</c>, the patch's failure, or an erased payload.</param>
public sealed record CanvasHashMismatch(Guid CanvasId, long Version, long Position, string ExpectedSha256, string? ActualSha256, string Reason);
