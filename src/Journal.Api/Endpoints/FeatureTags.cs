namespace Journal.Api.Endpoints;

/// <summary>One OpenAPI tag: a feature of the API.</summary>
/// <param name="Name">The tag, as the endpoints carry it.</param>
/// <param name="Description">What the feature covers, shown above its operations.</param>
internal sealed record FeatureTag(string Name, string Description);

/// <summary>
/// The OpenAPI tags, one per feature folder under <c>Endpoints</c>; every operation carries exactly one.
/// docs/api.md lists the same set.
/// </summary>
internal static class FeatureTags
{
    public const string Sessions = "Sessions";
    public const string Transcript = "Transcript";
    public const string Runs = "Runs";
    public const string ToolJobs = "Tool jobs";
    public const string Approvals = "Approvals";
    public const string Workspace = "Workspace";
    public const string Memory = "Memory";
    public const string Canvas = "Canvas";
    public const string Cron = "Cron";
    public const string Tape = "Tape";
    public const string Proofs = "Proofs";
    public const string Admin = "Admin";
    public const string Health = "Health";

    /// <summary>Every tag, in the order Swagger UI shows them.</summary>
    public static IReadOnlyList<FeatureTag> All { get; } =
    [
        new(Sessions, "Sessions of a principal on a device and channel: create, relabel, archive, read, time travel, latest changes."),
        new(Transcript, "A session's transcript: messages, tool calls and results, state transitions."),
        new(Runs, "Runs of an agent in a session: their lifecycle and token usage."),
        new(ToolJobs, "Tool jobs: queued, run, their output tail, retried."),
        new(Approvals, "Requests for a human's decision, and the decisions remembered for a session or a time."),
        new(Workspace, "Text documents by path, with content versions and full-text search."),
        new(Memory, "Remembered items per principal, channel or session: recall, and forgetting for good."),
        new(Canvas, "JSON documents an agent edits with RFC 6902 patches and a UI renders live."),
        new(Cron, "Scheduled jobs, their runs and the scheduler's health."),
        new(Tape, "The hash-chained tape itself: pages of events, the head, the live tail."),
        new(Proofs, "The tape's Merkle tree (RFC 9162): tree heads, inclusion and consistency proofs in O(log n) hashes."),
        new(Admin, "Chain verification, projections and their rebuild, backup, maintenance, legal holds (admin role)."),
        new(Health, "Liveness and readiness (no key), and the journal's health report."),
    ];
}
