using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Journal.Domain.Approvals;
using Journal.Domain.Runs;
using Journal.Domain.Sessions;
using Journal.Domain.Tape;
using Journal.Domain.ToolJobs;
using Journal.Domain.Transcript;
using Journal.Domain.Workspace;
using Journal.EventStore;
using Journal.EventStore.Serialization;
using Microsoft.Data.Sqlite;

namespace Journal.Benchmarks.Projections;

/// <summary>
/// A tape of mixed, realistic domain events: sessions that are created, renamed and archived, each with
/// three runs (accepted, started, tokens, succeeded), transcript entries of about 30 words, a tool job
/// per run (queued, started, two output chunks, succeeded), an approval per run (requested, decided) and
/// a workspace document (created, updated per run). Sessions advance in cohorts: each append call
/// carries the same step of every session of the cohort (one event per stream), so the tape interleaves
/// hundreds of sessions the way concurrent agents would, and the build needs few, large appends.
/// </summary>
internal static class MixedTape
{
    /// <summary>Bump when the script, the payloads or the layout change, so stale cached tapes are not reused.</summary>
    public const string FormatVersion = "projections-tape-v1";

    /// <summary>Sessions that advance together (and events per append call).</summary>
    internal const int Cohort = 400;

    private const int RunsPerSession = 3;

    private static readonly DateTimeOffset Epoch = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Words =
    [
        "the", "agent", "read", "build", "log", "and", "found", "failing", "test", "in", "parser", "module",
        "user", "asked", "for", "a", "short", "diff", "with", "note", "on", "why", "earlier", "change",
        "broke", "it", "tool", "job", "streamed", "output", "approval", "granted", "workspace", "document",
        "updated", "after", "review", "of", "three", "files", "next", "step", "is", "to", "rerun", "suite",
        "then", "summarise", "results", "cache", "was", "warm", "so", "compile", "took", "seconds", "only",
        "session", "resumed", "from", "checkpoint", "before", "noon", "plan",
    ];

    /// <summary>Events per session when the script runs to its end.</summary>
    public static int EventsPerSession => Script().Count;

    /// <summary>The tape with <paramref name="events"/> events, built once and cached under the temp dir.</summary>
    public static async Task<string> EnsureAsync(int events)
    {
        var root = Path.Combine(Path.GetTempPath(), "journal-bench-cache");
        var directory = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"{FormatVersion}-{events}"));
        var path = Path.Combine(directory, "journal.db");
        if (File.Exists(path))
        {
            Console.Error.WriteLine($"  reusing cached tape {path}");
            return path;
        }

        var building = directory + ".building-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        if (Directory.Exists(building))
        {
            Directory.Delete(building, recursive: true);
        }

        Directory.CreateDirectory(building);
        Console.Error.WriteLine($"  building a {events:N0}-event mixed tape in {building} (once)");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var registry = new EventTypeRegistry([typeof(SessionCreated).Assembly]);
        var store = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = Path.Combine(building, "journal.db") }, registry, TimeProvider.System);
        await using (store.ConfigureAwait(false))
        {
            await WriteAsync(store, registry, events, CancellationToken.None).ConfigureAwait(false);
        }

        SqliteConnection.ClearAllPools();
        Directory.Move(building, directory);
        Console.Error.WriteLine($"  built in {started.Elapsed.TotalSeconds:0.0} s");
        return path;
    }

    /// <summary>Appends <paramref name="events"/> events of the script, a cohort step per call.</summary>
    public static async Task WriteAsync(IEventStore store, EventTypeRegistry registry, long events, CancellationToken ct)
    {
        var script = Script();
        var metadata = new EventMetadata(Actor: "agent:bench", Principal: "user:bench", CorrelationId: "corr-replay");
        long written = 0;
        for (var cohort = 0; written < events; cohort++)
        {
            var sessions = Enumerable.Range(0, Cohort).Select(i => new SessionPlan(cohort * Cohort + i)).ToArray();
            for (var step = 0; step < script.Count && written < events; step++)
            {
                var appends = new List<StreamAppend>(Cohort);
                foreach (var session in sessions)
                {
                    if (written + appends.Count >= events)
                    {
                        break;
                    }

                    var at = Epoch.AddMilliseconds(written + appends.Count);
                    var (stream, payload) = script[step](session, at);
                    if (!registry.TryGetName(payload.GetType(), out var type))
                    {
                        throw new InvalidOperationException($"{payload.GetType().Name} is not a registered event");
                    }

                    appends.Add(new StreamAppend(stream, ExpectedVersion.Any, [new EventData(Guid.CreateVersion7(), type, payload)]));
                }

                await store.AppendAsync(appends, metadata, ct).ConfigureAwait(false);
                written += appends.Count;
            }
        }
    }

    /// <summary>About 30 words of plain text, different for every <paramref name="n"/>.</summary>
    public static string Text(long n, int words = 30)
    {
        var text = new StringBuilder(words * 7);
        var state = (ulong)n * 6364136223846793005UL + 1442695040888963407UL;
        for (var i = 0; i < words; i++)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(Words[(int)(state >> 58) % Words.Length]);
        }

        text.Append('.');
        return text.ToString();
    }

    /// <summary>Lowercase hex SHA-256 of the text's UTF-8 bytes.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The steps of one session's life; each returns the stream and the event record.</summary>
    internal static List<Func<SessionPlan, DateTimeOffset, (StreamId Stream, object Payload)>> Script()
    {
        var steps = new List<Func<SessionPlan, DateTimeOffset, (StreamId, object)>>
        {
            (s, at) => (SessionDecider.StreamFor(s.SessionId), new SessionCreated(s.SessionId, s.Principal, s.Device, s.Channel, s.SessionKey, null, at)),
            (s, at) =>
            {
                var content = Text(s.Number * 7, 80);
                return (WorkspaceDocumentDecider.StreamFor(s.DocumentId), new WorkspaceDocumentCreated(s.DocumentId, s.DocumentPath, content, Sha256(content), 1, at));
            },
        };
        for (var r = 0; r < RunsPerSession; r++)
        {
            var run = r;
            steps.Add((s, at) => (RunDecider.StreamFor(s.Runs[run]), new RunAccepted(s.Runs[run], s.SessionId, RunKind.Foreground, null, at)));
            steps.Add((s, at) => Entry(s, run, TranscriptEntryKind.UserMessage, null, at));
            steps.Add((s, at) => (RunDecider.StreamFor(s.Runs[run]), new RunStarted(s.Runs[run], s.SessionId, at)));
            steps.Add((s, at) => (ApprovalDecider.StreamFor(s.Approvals[run]), new ApprovalRequested(
                s.Approvals[run], s.SessionId, "tool_job", s.Jobs[run].ToString("D", CultureInfo.InvariantCulture), "run the test suite of the parser module",
                ApprovalScope.Once, null, at.AddMinutes(10), at)));
            steps.Add((s, at) => (ApprovalDecider.StreamFor(s.Approvals[run]), new ApprovalDecided(
                s.Approvals[run], s.SessionId, "tool_job", s.Jobs[run].ToString("D", CultureInfo.InvariantCulture), ApprovalScope.Once,
                ApprovalDecision.Allow, s.Principal, null, false, null, at)));
            steps.Add((s, at) => (ToolJobDecider.StreamFor(s.Jobs[run]), new ToolJobQueued(s.Jobs[run], s.SessionId, s.Runs[run], "shell", "{\"command\":\"dotnet test\"}", at)));
            steps.Add((s, at) => (ToolJobDecider.StreamFor(s.Jobs[run]), new ToolJobStarted(s.Jobs[run], 1, at)));
            for (var c = 0; c < 2; c++)
            {
                var chunk = c;
                steps.Add((s, at) =>
                {
                    var text = Text(s.Number * 31 + run * 2 + chunk, 40);
                    return (ToolJobDecider.StreamFor(s.Jobs[run]), new ToolJobOutputAppended(
                        s.Jobs[run], chunk, ToolOutputStream.Stdout, text, Encoding.UTF8.GetByteCount(text), Sha256(text), 65_536, at));
                });
            }

            steps.Add((s, at) => (ToolJobDecider.StreamFor(s.Jobs[run]), new ToolJobSucceeded(s.Jobs[run], 0, at)));
            steps.Add((s, at) => Entry(s, run, TranscriptEntryKind.ToolResult, "shell", at));
            steps.Add((s, at) => (RunDecider.StreamFor(s.Runs[run]), new RunTokensRecorded(s.Runs[run], s.SessionId, 1_200 + s.Number % 300, 350, at)));
            steps.Add((s, at) => Entry(s, run, TranscriptEntryKind.AssistantMessage, null, at));
            steps.Add((s, at) => (RunDecider.StreamFor(s.Runs[run]), new RunSucceeded(s.Runs[run], s.SessionId, "tests pass", at)));
            steps.Add((s, at) =>
            {
                var content = Text(s.Number * 7 + run + 1, 80);
                return (WorkspaceDocumentDecider.StreamFor(s.DocumentId), new WorkspaceDocumentUpdated(s.DocumentId, content, Sha256(content), run + 2, at));
            });
        }

        steps.Add((s, at) => (SessionDecider.StreamFor(s.SessionId), new SessionRenamed(s.SessionId, string.Create(CultureInfo.InvariantCulture, $"parser fix {s.Number}"), at)));
        steps.Add((s, at) => (SessionDecider.StreamFor(s.SessionId), new SessionArchived(s.SessionId, s.SessionKey, "done", at)));
        return steps;
    }

    private static (StreamId, object) Entry(SessionPlan s, int run, TranscriptEntryKind kind, string? tool, DateTimeOffset at)
    {
        var sequence = ++s.TranscriptSequence;
        return (TranscriptDecider.StreamFor(s.SessionId), new TranscriptEntryAppended(
            s.SessionId, Guid.CreateVersion7(), sequence, kind, Text(s.Number * 13 + sequence), s.Runs[run], tool, at));
    }

    /// <summary>The ids and per-session counters of one scripted session.</summary>
    internal sealed class SessionPlan(long number)
    {
        public long Number { get; } = number;

        public Guid SessionId { get; } = Guid.CreateVersion7();

        public Guid DocumentId { get; } = Guid.CreateVersion7();

        public Guid[] Runs { get; } = [.. Enumerable.Range(0, RunsPerSession).Select(_ => Guid.CreateVersion7())];

        public Guid[] Jobs { get; } = [.. Enumerable.Range(0, RunsPerSession).Select(_ => Guid.CreateVersion7())];

        public Guid[] Approvals { get; } = [.. Enumerable.Range(0, RunsPerSession).Select(_ => Guid.CreateVersion7())];

        public string Principal => string.Create(CultureInfo.InvariantCulture, $"user:{Number % 50}");

        public string Device => string.Create(CultureInfo.InvariantCulture, $"host-{Number % 8}");

        public string Channel => (Number % 3) switch { 0 => "cli", 1 => "web", _ => "chat" };

        public string? SessionKey => Number % 4 == 0 ? string.Create(CultureInfo.InvariantCulture, $"key-{Number}") : null;

        public string DocumentPath => string.Create(CultureInfo.InvariantCulture, $"notes/session-{Number}/plan.md");

        public long TranscriptSequence { get; set; }
    }
}
