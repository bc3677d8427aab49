using Journal.Domain.Tape;
using Journal.EventStore.Codec;
using Journal.EventStore.Serialization;

namespace Journal.Benchmarks.Tape;

/// <summary>The event every tape scenario writes: a note with some text, a number and tags.</summary>
/// <param name="Text">A sentence or two of free text.</param>
/// <param name="Number">A counter.</param>
/// <param name="Tags">A few labels.</param>
[EventType("bench.note_recorded.v1")]
public sealed record NoteRecorded(string Text, long Number, IReadOnlyList<string> Tags);

/// <summary>Events, metadata and the raw baseline's equivalent row bytes.</summary>
internal static class BenchEvents
{
    public const string EventType = "bench.note_recorded.v1";

    private static readonly string[] Texts =
    [
        "The agent read the workspace README, listed the open tool jobs and asked for approval to run the test suite.",
        "Session resumed after a restart; the transcript was replayed up to the last checkpoint and the cron job re-armed.",
        "The user approved the shell command; the tool job started with a 120 second timeout and streamed its output.",
    ];

    private static readonly string[][] TagSets =
    [
        ["session", "tool-job", "approval"],
        ["cron", "restart", "checkpoint", "replay"],
        ["shell", "stream", "timeout"],
    ];

    public static EventTypeRegistry Registry { get; } = new([typeof(NoteRecorded).Assembly]);

    public static EventMetadata Metadata { get; } = new(Actor: "agent:bench", Principal: "user:bench", CorrelationId: "corr-0001");

    public static NoteRecorded Note(long n) => new(Texts[n % Texts.Length], n, TagSets[n % TagSets.Length]);

    public static EventData Event(long n) => new(Guid.CreateVersion7(), EventType, Note(n));

    /// <summary>
    /// Payload blobs for the raw baseline: the very bytes our codec makes of the same records (made once,
    /// untimed), so both sides store rows of the same size.
    /// </summary>
    public static byte[][] RawPayloads { get; } = [.. Enumerable.Range(0, 64).Select(i => JsonMessagePack.Encode(System.Text.Json.JsonSerializer.SerializeToNode(Note(i), PayloadSerializer.JsonOptions)))];

    /// <summary>Metadata blob for the raw baseline: our encoding of <see cref="Metadata"/>.</summary>
    public static byte[] RawMetadata { get; } = PayloadSerializer.EncodeMetadata(Metadata);
}
