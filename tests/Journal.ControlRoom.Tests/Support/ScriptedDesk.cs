using Journal.ControlRoom.Hosting;
using Journal.Projections.Runtime;

namespace Journal.ControlRoom.Tests.Support;

/// <summary>An operations desk whose answers the test sets, recording the rebuilds it was asked to start.</summary>
public sealed class ScriptedDesk : IOperationsDesk
{
    /// <summary>When everything on the scripted desk happened.</summary>
    public static readonly DateTimeOffset At = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    public RebuildView Rebuild { get; set; } = new("idle", null, null, null, null, null, null);

    public Exception? Refusal { get; set; }

    public List<string?> Started { get; } = [];

    public Task<HealthView> ReadHealthAsync(CancellationToken ct) => Task.FromResult(new HealthView(
        "degraded", "sqlite", 1204, 1204, 1 << 20, true, At, 4, 0,
        [new ProjectionStatus("sessions.v1", 1200, "running", 4, 35, 0), new ProjectionStatus("memory.v1", 900, "paused", 304, 1500, 1)],
        1,
        null));

    public IReadOnlyList<DeadLetter> ReadDeadLetters() =>
        [new DeadLetter("memory.v1", 901, Guid.NewGuid().ToString(), "memory.item_added.v1", "embedding dimension 3 does not match 4", "pause", At.ToUnixTimeMilliseconds())];

    public RebuildView ReadRebuild() => Rebuild;

    public RebuildView StartRebuild(string? projection)
    {
        Started.Add(projection);
        return Refusal is { } refusal ? throw refusal : Rebuild;
    }

    public Task<BackupRun> BackupAsync(CancellationToken ct) =>
        Task.FromResult(new BackupRun(At, true, "/data/backups/journal-20260131T120000000Z.db", 1204, 4096, null));
}
