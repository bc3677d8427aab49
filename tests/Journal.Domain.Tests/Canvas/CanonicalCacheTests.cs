using System.Globalization;
using System.Text.Json.Nodes;
using Journal.Domain.Canvas;
using Journal.Domain.Canvas.Patching;

namespace Journal.Domain.Tests.Canvas;

/// <summary>
/// The decider hashes a patched state with the canonical bytes of the containers the patch did not
/// touch, carried over from the state before. Whatever the patch does, the hash must be the one a full
/// canonical serialization of the new state gives.
/// </summary>
public class CanonicalCacheTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-11-22T04:00:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public void Hashes_after_random_patches_equal_a_full_canonical_hash_of_the_state()
    {
        var random = new Random(22);
        var state = Created(Board(12));
        var applied = 0;
        var tooDeep = 0;
        for (var i = 0; i < 600; i++)
        {
            var patch = new JsonArray(Enumerable.Range(0, random.Next(1, 4)).Select(_ => (JsonNode?)RandomOperation(random, state.Document)).ToArray());
            try
            {
                state = CanvasDecider.Patch(new PatchCanvas(state.CanvasId, patch, state.Version, At), state).State;
                applied++;
            }
            catch (JsonPatchException)
            {
                // A random operation that does not resolve: the state stays as it was.
            }
            catch (Journal.Domain.Errors.RuleViolationException ex) when (ex.Code == "canvas.state_too_deep")
            {
                // Copies of copies nest past the limit, which the cached depths must see as the full form does.
                tooDeep++;
            }

            Assert.Equal(CanonicalJson.Hash(state.Document).Sha256, state.StateSha256);
            CanonicalJson.Text(state.Document, out var depth);
            Assert.True(depth <= CanvasLimits.MaxStateDepth, $"a state nesting {depth} levels was accepted");
        }

        Assert.True(applied > 300, $"only {applied} of 600 random patches applied");
        Assert.True(tooDeep > 0, "no patch reached the depth limit, so the cached depths were not put to the test");
        Assert.NotNull(state.Canonical);
        Assert.True(state.Canonical!.Count > 0);
    }

    [Fact]
    public void A_patch_to_one_card_keeps_the_other_cards_bytes_and_rewrites_that_one()
    {
        var state = Patched(Created(Board(20)), """[{ "op": "replace", "path": "/items/0/text", "value": "first" }]""");
        var kept = state.Canonical!.Count;

        var next = Patched(state, """[{ "op": "replace", "path": "/items/7/text", "value": "seventh, edited" }]""");

        Assert.True(kept >= 20, $"{kept} containers kept after the first patch");
        Assert.Equal(kept, next.Canonical!.Count);
        Assert.Equal(CanonicalJson.Hash(next.Document).Sha256, next.StateSha256);
        Assert.NotEqual(state.StateSha256, next.StateSha256);
    }

    [Fact]
    public void A_moved_card_edited_afterwards_is_hashed_from_its_new_content()
    {
        var state = Patched(Created(Board(5)), """[{ "op": "replace", "path": "/title", "value": "warm the cache" }]""");

        var next = Patched(state, """
            [
              { "op": "move", "from": "/items/1", "path": "/archive" },
              { "op": "replace", "path": "/archive/tags/0", "value": "moved" },
              { "op": "copy", "from": "/archive", "path": "/items/0/copy" }
            ]
            """);

        Assert.Equal("moved", next.Document["archive"]!["tags"]![0]!.GetValue<string>());
        Assert.Equal(CanonicalJson.Hash(next.Document).Sha256, next.StateSha256);
    }

    [Fact]
    public void A_failed_patch_leaves_the_state_and_its_bytes_as_they_were()
    {
        var state = Patched(Created(Board(5)), """[{ "op": "replace", "path": "/items/2/done", "value": true }]""");
        var before = state.Document.ToJsonString();

        Assert.Throws<JsonPatchException>(() => Patched(state, """
            [
              { "op": "replace", "path": "/items/2/text", "value": "changed" },
              { "op": "test", "path": "/items/2/done", "value": false }
            ]
            """));
        var next = Patched(state, """[{ "op": "replace", "path": "/items/3/done", "value": true }]""");

        Assert.Equal(before, state.Document.ToJsonString());
        Assert.Equal(CanonicalJson.Hash(next.Document).Sha256, next.StateSha256);
    }

    private static CanvasState Created(JsonObject document) =>
        CanvasDecider.Create(new CreateCanvas(Guid.NewGuid(), Guid.NewGuid(), document, At), CanvasDecider.Initial).State;

    private static CanvasState Patched(CanvasState state, string patch) =>
        CanvasDecider.Patch(new PatchCanvas(state.CanvasId, JsonNode.Parse(patch), state.Version, At), state).State;

    private static JsonObject Board(int cards) => new()
    {
        ["title"] = "board",
        ["items"] = new JsonArray([.. Enumerable.Range(0, cards).Select(i => (JsonNode?)new JsonObject
        {
            ["id"] = i,
            ["text"] = $"card {i}",
            ["done"] = false,
            ["tags"] = new JsonArray("plan", "review"),
            ["weight"] = i / 4.0,
        })]),
    };

    /// <summary>An operation on a random place of <paramref name="document"/>; some do not resolve, on purpose.</summary>
    private static JsonObject RandomOperation(Random random, JsonObject document)
    {
        var paths = Paths(document, string.Empty).ToList();
        var containers = paths.Where(p => p.Node is JsonObject or JsonArray).Prepend((string.Empty, document)).ToList();
        if (paths.Count == 0)
        {
            return new JsonObject { ["op"] = "add", ["path"] = "/refill", ["value"] = RandomValue(random) };
        }

        var (path, node) = paths[random.Next(paths.Count)];
        var (into, container) = containers[random.Next(containers.Count)];
        var target = container is JsonArray array
            ? $"{into}/{(random.Next(3) == 0 ? "-" : random.Next(array.Count + 1).ToString(CultureInfo.InvariantCulture))}"
            : $"{into}/k{random.Next(6)}";
        return random.Next(6) switch
        {
            0 => new JsonObject { ["op"] = "replace", ["path"] = path, ["value"] = RandomValue(random) },
            1 => new JsonObject { ["op"] = "add", ["path"] = target, ["value"] = RandomValue(random) },
            2 => new JsonObject { ["op"] = "remove", ["path"] = path },
            3 => new JsonObject { ["op"] = "move", ["from"] = path, ["path"] = target },
            4 => new JsonObject { ["op"] = "copy", ["from"] = path, ["path"] = target },
            _ => new JsonObject { ["op"] = "test", ["path"] = path, ["value"] = node?.DeepClone() },
        };
    }

    private static JsonNode? RandomValue(Random random) => random.Next(4) switch
    {
        0 => JsonValue.Create(random.Next(100)),
        1 => JsonValue.Create($"v{random.Next(100)}"),
        2 => new JsonObject { ["n"] = random.Next(10), ["list"] = new JsonArray(random.Next(5), "x") },
        _ => new JsonArray(true, JsonValue.Create(random.Next(3) / 2.0)),
    };

    /// <summary>Every place below the root, with its node.</summary>
    private static IEnumerable<(string Path, JsonNode? Node)> Paths(JsonNode? node, string path)
    {
        if (path.Length > 0)
        {
            yield return (path, node);
        }

        var children = node switch
        {
            JsonObject obj => obj.Select(m => (JsonPointer.Escape(m.Key), m.Value)).ToList(),
            JsonArray array => array.Select((v, i) => (i.ToString(CultureInfo.InvariantCulture), v)).ToList(),
            _ => [],
        };
        foreach (var (token, child) in children)
        {
            foreach (var inner in Paths(child, $"{path}/{token}"))
            {
                yield return inner;
            }
        }
    }
}
