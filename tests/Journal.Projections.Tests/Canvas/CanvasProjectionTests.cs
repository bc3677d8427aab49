using System.Text.Json.Nodes;
using Journal.Domain.Canvas;
using Journal.Domain.Canvas.Patching;
using Journal.Domain.Canvas.UseCases;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.Projections.Canvas;
using Journal.Projections.Runtime;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.Canvas;

public sealed class CanvasProjectionTests : IAsyncLifetime
{
    private const int Interval = 5;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-canvas", Guid.NewGuid().ToString("N"));
    private readonly AdjustableClock _clock = new(AdjustableClock.Start);
    private readonly JournalFixture _f;

    public CanvasProjectionTests() => _f = new JournalFixture(_clock, new ProjectionOptions
    {
        DatabasePath = Path.Combine(_directory, "projections.db"),
        MaxWait = TimeSpan.FromSeconds(10),
        ApprovalExpirySweep = Timeout.InfiniteTimeSpan,
        CanvasSnapshotInterval = Interval,
    });

    public Task InitializeAsync() => _f.StartAsync();

    public async Task DisposeAsync()
    {
        await _f.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task GetCanvasAtVersionQuery_starts_from_a_snapshot_at_most_interval_minus_one_patches_back_when_patched_many_times()
    {
        var id = await Create(new JsonObject { ["n"] = 0 });
        CommandResult last = null!;
        for (var v = 1; v <= 13; v++)
        {
            last = await Patch(id, v, $$"""[{"op":"replace","path":"/n","value":{{v}}}]""");
        }

        var snapshots = new List<long>();
        for (var v = 1; v <= 14; v++)
        {
            var at = await _f.Query(new GetCanvasAtVersionQuery(id, v, last.Position));
            Assert.Equal(v - 1, at.State["n"]!.GetValue<long>());
            Assert.InRange(at.PatchesApplied, 0, Interval - 1);
            Assert.Equal(v - at.SnapshotVersion, at.PatchesApplied);
            snapshots.Add(at.SnapshotVersion);
        }

        Assert.Equal([1, 6, 11], snapshots.Distinct());
    }

    [Fact]
    public async Task GetCanvasAtVersionQuery_equals_the_fold_of_the_patches_and_the_recorded_hash_when_patches_are_random()
    {
        var random = new Random(8);
        var expected = new List<JsonObject> { new() { ["items"] = new JsonArray(), ["title"] = "t" } };
        var id = await Create(expected[0]);
        CommandResult last = null!;
        for (var v = 1; v <= 23; v++)
        {
            var patch = RandomPatch(random, expected[^1], v);
            last = await Patch(id, v, patch.ToJsonString());
            expected.Add(JsonPatch.Parse(patch).Apply(expected[^1])!.AsObject());
        }

        for (var v = 1; v <= expected.Count; v++)
        {
            var at = await _f.Query(new GetCanvasAtVersionQuery(id, v, last.Position));
            Assert.True(JsonValues.DeepEquals(expected[v - 1], at.State), $"version {v}: {at.State.ToJsonString()}");
            Assert.Equal(CanonicalJson.Hash(expected[v - 1]).Sha256, at.StateSha256);
        }

        var latest = await _f.Query(new GetCanvasQuery(id, last.Position));
        Assert.Equal((24L, 0), (latest.Canvas.Version, latest.Canvas.HashMismatches));
        Assert.True(JsonValues.DeepEquals(expected[^1], latest.State));
    }

    [Fact]
    public async Task RestoreCanvasRequest_appends_a_version_with_the_earlier_state_and_keeps_the_history_when_restored()
    {
        var id = await Create(new JsonObject { ["a"] = 1 });
        await Patch(id, 1, """[{"op":"add","path":"/b","value":2}]""");
        await Patch(id, 2, """[{"op":"remove","path":"/a"}]""");
        var restored = await _f.Send(new RestoreCanvasRequest(id, 2) { Context = new CommandContext(Actor: "ui", Principal: "alice") });

        var latest = await _f.Query(new GetCanvasQuery(id, restored.Position));
        var versions = await _f.Query(new ListCanvasVersionsQuery(id, MinPosition: restored.Position));
        var third = await _f.Query(new GetCanvasAtVersionQuery(id, 3));

        Assert.Equal(4, latest.Canvas.Version);
        Assert.True(JsonValues.DeepEquals(JsonNode.Parse("""{"a":1,"b":2}"""), latest.State));
        Assert.True(JsonValues.DeepEquals(JsonNode.Parse("""{"b":2}"""), third.State));
        Assert.Equal(["restored", "patched", "patched", "created"], versions.Items.Select(v => v.Kind));
        Assert.Equal((2L, "ui", "alice"), (versions.Items[0].RestoredVersion!.Value, versions.Items[0].Actor, versions.Items[0].Principal));
        Assert.Equal(versions.Items[2].StateSha256, versions.Items[0].StateSha256);
        Assert.Equal(4, (await _f.Query(new GetCanvasAtVersionQuery(id, 4))).SnapshotVersion);
    }

    [Fact]
    public async Task CanvasProjection_records_a_mismatch_live_and_again_on_rebuild_when_a_recorded_hash_is_wrong()
    {
        var id = await Create(new JsonObject { ["a"] = 1 });
        var good = await Patch(id, 1, """[{"op":"replace","path":"/a","value":2}]""");
        var forged = new CanvasPatched(id, JsonNode.Parse("""[{"op":"replace","path":"/a","value":3}]""")!.AsArray(), new string('0', 64), 3, _clock.GetUtcNow());
        var appended = await _f.Store.AppendAsync(
            CanvasDecider.StreamFor(id), ExpectedVersion.Exact(2), [new EventData(Guid.NewGuid(), "canvas.patched.v1", forged)], EventMetadata.Empty, default);

        var live = await _f.Query(new CanvasIntegrityQuery(MinPosition: appended.Position));
        await _f.Daemon.RebuildAsync(null, null, default);
        var rebuilt = await _f.Query(new CanvasIntegrityQuery());
        var canvas = await _f.Query(new GetCanvasQuery(id));

        Assert.Equal(1, live.Mismatches);
        var mismatch = Assert.Single(rebuilt.First);
        Assert.Equal((id, 3L, new string('0', 64)), (mismatch.CanvasId, mismatch.Version, mismatch.ExpectedSha256));
        Assert.Equal(CanonicalJson.Hash(JsonNode.Parse("""{"a":3}""")).Sha256, mismatch.ActualSha256);
        Assert.Equal(1, canvas.Canvas.HashMismatches);
        Assert.True(good.Position < appended.Position);
    }

    [Fact]
    public async Task CanvasProjection_keeps_the_state_untouched_when_a_recorded_patch_fails_after_an_operation_applied()
    {
        var id = await Create(new JsonObject { ["a"] = 1, ["list"] = new JsonArray(1, 2) });
        var patched = await Patch(id, 1, """[{"op":"replace","path":"/a","value":2}]""");
        await _f.Query(new GetCanvasQuery(id, patched.Position));

        // The first two operations apply in place to the cached state before the third fails.
        var failing = new CanvasPatched(id, JsonNode.Parse("""[{"op":"replace","path":"/a","value":9},{"op":"remove","path":"/list/0"},{"op":"remove","path":"/missing"}]""")!.AsArray(), new string('1', 64), 3, _clock.GetUtcNow());
        await _f.Store.AppendAsync(CanvasDecider.StreamFor(id), ExpectedVersion.Exact(2), [new EventData(Guid.NewGuid(), "canvas.patched.v1", failing)], EventMetadata.Empty, default);
        var following = new CanvasPatched(id, JsonNode.Parse("""[{"op":"add","path":"/list/-","value":3}]""")!.AsArray(), CanonicalJson.Hash(JsonNode.Parse("""{"a":2,"list":[1,2,3]}""")).Sha256, 4, _clock.GetUtcNow());
        var appended = await _f.Store.AppendAsync(CanvasDecider.StreamFor(id), ExpectedVersion.Exact(3), [new EventData(Guid.NewGuid(), "canvas.patched.v1", following)], EventMetadata.Empty, default);

        var canvas = await _f.Query(new GetCanvasQuery(id, appended.Position));
        var integrity = await _f.Query(new CanvasIntegrityQuery());

        Assert.Equal("""{"a":2,"list":[1,2,3]}""", CanonicalJson.Text(canvas.State));
        Assert.Equal((4L, 1), (canvas.Canvas.Version, canvas.Canvas.HashMismatches));
        var mismatch = Assert.Single(integrity.First);
        Assert.Equal((3L, (string?)null), (mismatch.Version, mismatch.ActualSha256));
    }

    [Fact]
    public async Task Canvas_state_is_redacted_before_hashing_so_replay_reproduces_it_when_a_patch_carries_a_secret()
    {
        var id = await Create(new JsonObject { ["apiKey"] = "plain-value", ["title"] = "t" });
        var patched = await Patch(id, 1, """[{"op":"add","path":"/cfg","value":{"password":"hunter2","note":"Bearer abcdefghijklmnopqrstuvwxyz012345"}}]""");

        var latest = await _f.Query(new GetCanvasQuery(id, patched.Position));
        var integrity = await _f.Query(new CanvasIntegrityQuery(MinPosition: patched.Position));

        Assert.Equal("[REDACTED]", latest.State["apiKey"]!.GetValue<string>());
        Assert.Equal("[REDACTED]", latest.State["cfg"]!["password"]!.GetValue<string>());
        Assert.DoesNotContain("abcdefghijklmnopqrstuvwxyz012345", latest.State.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(CanonicalJson.Hash(latest.State).Sha256, latest.Canvas.StateSha256);
        Assert.Equal(0, integrity.Mismatches);
    }

    [Fact]
    public async Task GetCanvasQuery_and_GetCanvasAtVersionQuery_throw_NotFound_when_the_canvas_or_version_is_unknown()
    {
        var id = Guid.NewGuid();
        var created = await _f.Send(new CreateCanvasRequest(id, Guid.NewGuid(), []));

        await Assert.ThrowsAsync<NotFoundException>(() => _f.Query(new GetCanvasQuery(Guid.NewGuid(), created.Position)));
        var ex = await Assert.ThrowsAsync<NotFoundException>(() => _f.Query(new GetCanvasAtVersionQuery(id, 2, created.Position)));
        Assert.Equal("canvas_version", ex.Kind);
    }

    private async Task<Guid> Create(JsonObject state)
    {
        var id = Guid.NewGuid();
        await _f.Send(new CreateCanvasRequest(id, Guid.NewGuid(), (JsonObject)state.DeepClone()));
        return id;
    }

    private Task<CommandResult> Patch(Guid id, long expected, string patch)
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        return _f.Send(new PatchCanvasRequest(id, JsonNode.Parse(patch), expected));
    }

    private static JsonArray RandomPatch(Random random, JsonObject state, int v)
    {
        var items = state["items"]!.AsArray();
        return random.Next(4) switch
        {
            0 => [new JsonObject { ["op"] = "add", ["path"] = "/items/-", ["value"] = new JsonObject { ["v"] = v, ["x"] = random.NextDouble() } }],
            1 when items.Count > 0 => [new JsonObject { ["op"] = "remove", ["path"] = $"/items/{random.Next(items.Count)}" }],
            2 when items.Count > 1 => [new JsonObject { ["op"] = "move", ["from"] = "/items/0", ["path"] = "/items/-" }],
            _ => [new JsonObject { ["op"] = "replace", ["path"] = "/title", ["value"] = $"t{v}" }, new JsonObject { ["op"] = "test", ["path"] = "/title", ["value"] = $"t{v}" }],
        };
    }
}
