using System.Globalization;
using System.Text.Json.Nodes;
using Journal.Benchmarks.Projections;
using Journal.Domain.Canvas;
using Journal.Domain.Memory;
using Journal.Domain.Tape;

namespace Journal.Benchmarks.Capacity;

/// <summary>
/// One session's life on the capacity tape: the whole <see cref="MixedTape"/> script, with a canvas (created,
/// then patched seven times) and three memory items of the session's user (one later updated) woven in between
/// its steps. Canvas and memory events are decided by their own deciders, so their hashes, normalized text and
/// versions are what the service would have written.
/// </summary>
internal static class CapacityScript
{
    /// <summary>Users (memory scopes and session principals): the mixed script's <c>user:{n % 50}</c>.</summary>
    public const int Users = 50;

    private const int CanvasPatches = 7;
    private const int MemoryItems = 3;

    /// <summary>The steps of one session; each returns the stream and the event record.</summary>
    public static List<Func<CapacityPlan, DateTimeOffset, (StreamId Stream, object Payload)>> Steps()
    {
        var mixed = MixedTape.Script();
        var extra = new List<Func<CapacityPlan, DateTimeOffset, (StreamId, object)>> { CreateCanvas };
        for (var p = 0; p < CanvasPatches; p++)
        {
            var patch = p;
            extra.Add((s, at) => PatchCanvas(s, patch, at));
            if (patch % 2 == 0 && patch / 2 < MemoryItems)
            {
                var item = patch / 2;
                extra.Add((s, at) => AddMemory(s, item, at));
            }
        }

        extra.Add(UpdateMemory);

        // The extras spread evenly over the mixed steps before the last two (rename, archive): a session's
        // canvas and memory writes happen while its runs do, not in a block at the end.
        var steps = new List<Func<CapacityPlan, DateTimeOffset, (StreamId, object)>>(mixed.Count + extra.Count);
        var body = mixed.Count - 2;
        var next = 0;
        for (var i = 0; i < mixed.Count; i++)
        {
            var step = mixed[i];
            steps.Add((s, at) => step(s.Mixed, at));
            while (i >= 1 && i < body && next < extra.Count && next * body <= (i - 1) * extra.Count)
            {
                steps.Add(extra[next++]);
            }
        }

        steps.InsertRange(steps.Count - 2, extra.Skip(next));
        return steps;
    }

    private static (StreamId, object) CreateCanvas(CapacityPlan s, DateTimeOffset at)
    {
        var state = new JsonObject
        {
            ["title"] = string.Create(CultureInfo.InvariantCulture, $"plan of session {s.Mixed.Number}"),
            ["status"] = "draft",
            ["items"] = new JsonArray(),
        };
        var (created, after) = CanvasDecider.Create(new Domain.Canvas.CreateCanvas(s.CanvasId, s.Mixed.SessionId, state, at), s.Canvas);
        s.Canvas = after;
        return (CanvasDecider.StreamFor(s.CanvasId), created);
    }

    private static (StreamId, object) PatchCanvas(CapacityPlan s, int patch, DateTimeOffset at)
    {
        var operation = patch % 3 == 2
            ? new JsonObject { ["op"] = "replace", ["path"] = "/status", ["value"] = string.Create(CultureInfo.InvariantCulture, $"step {patch}") }
            : new JsonObject { ["op"] = "add", ["path"] = "/items/-", ["value"] = new JsonObject { ["text"] = MixedTape.Text(s.Mixed.Number * 17 + patch, 24), ["done"] = patch % 2 == 0 } };
        var (patched, after) = CanvasDecider.Decided(new Domain.Canvas.PatchCanvas(s.CanvasId, new JsonArray(operation), s.Canvas.Version, at), s.Canvas);
        s.Canvas = after;
        return (CanvasDecider.StreamFor(s.CanvasId), patched);
    }

    private static (StreamId, object) AddMemory(CapacityPlan s, int item, DateTimeOffset at)
    {
        var scope = new MemoryScope(s.Mixed.Principal, item == 2 ? "cli" : null, item == 1 ? s.Mixed.SessionId : null);
        var command = new AddMemoryItem(s.MemoryIds[item], scope, MixedTape.Text(s.Mixed.Number * 53 + item), ["bench", "t" + (item % 3).ToString(CultureInfo.InvariantCulture)], MemorySources.All[item % MemorySources.All.Count], 0.8, null, at);
        return (MemoryItemDecider.StreamFor(s.MemoryIds[item]), MemoryItemDecider.Decide(command, MemoryItemDecider.Initial).Single());
    }

    private static (StreamId, object) UpdateMemory(CapacityPlan s, DateTimeOffset at)
    {
        var added = (MemoryItemAdded)AddMemory(s, 0, at).Item2;
        var state = MemoryItemDecider.Evolve(MemoryItemDecider.Initial, added);
        var command = new UpdateMemoryItem(s.MemoryIds[0], ["bench", "kept"], 0.95, at);
        return (MemoryItemDecider.StreamFor(s.MemoryIds[0]), MemoryItemDecider.Decide(command, state).Single());
    }
}

/// <summary>A scripted session of the capacity tape: the mixed plan, its canvas as decided so far, its memory item ids.</summary>
internal sealed class CapacityPlan(long number)
{
    public MixedTape.SessionPlan Mixed { get; } = new(number);

    public Guid CanvasId { get; } = Guid.CreateVersion7();

    public CanvasState Canvas { get; set; } = CanvasDecider.Initial;

    public Guid[] MemoryIds { get; } = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];
}
