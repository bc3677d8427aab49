using System.Text.Json.Nodes;
using Journal.Domain.Canvas;
using Journal.Domain.Canvas.Patching;
using Journal.Domain.Errors;
using Journal.Domain.Tests.Deciding;
using static Journal.Domain.Tests.Deciding.Moments;

namespace Journal.Domain.Tests.Canvas;

public class CanvasDeciderSpecs
{
    private static readonly Guid Canvas = Guid.Parse("0195b6c8-0000-7000-8000-000000000001");
    private static readonly Guid Session = Guid.Parse("0195b6c8-0000-7000-8000-000000000002");

    private readonly Spec<CanvasCommand, ICanvasEvent, CanvasState> _spec = new(CanvasDecider.Initial, CanvasDecider.Decide, CanvasDecider.Evolve);

    private static IReadOnlyList<ICanvasEvent> Decide(CanvasCommand command, params ICanvasEvent[] history) =>
        CanvasDecider.Decide(command, history.Aggregate(CanvasDecider.Initial, CanvasDecider.Evolve));

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static string Hash(string json) => CanonicalJson.Hash(JsonNode.Parse(json)).Sha256;

    private static CanvasCreated Created(string state) => new(Canvas, Session, Obj(state), Hash(state), 1, T0);

    private static CanvasPatched Patched(string patch, string after, long version) => new(Canvas, JsonNode.Parse(patch)!.AsArray(), Hash(after), version, T1);

    [Fact]
    public void Given_no_canvas_When_created_Then_version_1_with_the_hash_of_the_canonical_state()
    {
        var events = Decide(new CreateCanvas(Canvas, Session, Obj("""{"b":[1.0,2],"a":"x"}"""), T0));

        var created = Assert.IsType<CanvasCreated>(Assert.Single(events));
        Assert.Equal((Canvas, Session, 1L, T0), (created.CanvasId, created.SessionId, created.Version, created.At));
        Assert.Equal(Hash("""{"a":"x","b":[1,2]}"""), created.StateSha256);
    }

    [Fact]
    public void Given_a_canvas_When_created_again_Then_canvas_exists() =>
        _spec.Given(Created("{}")).When(new CreateCanvas(Canvas, Session, Obj("{}"), T1)).ThenThrows<RuleViolationException>("canvas.exists");

    [Fact]
    public void Given_no_canvas_When_created_without_a_state_Then_invalid_state() =>
        _spec.When(new CreateCanvas(Canvas, Session, null, T0)).ThenInvalid("State");

    [Fact]
    public void Given_a_canvas_When_patched_at_its_version_Then_patched_with_the_next_version_and_the_new_state_hash()
    {
        var events = Decide(new PatchCanvas(Canvas, JsonNode.Parse("""[{"op":"add","path":"/m","value":2}]"""), 1, T1), Created("""{"n":1}"""));

        var patched = Assert.IsType<CanvasPatched>(Assert.Single(events));
        Assert.Equal((2L, Hash("""{"m":2,"n":1}""")), (patched.Version, patched.StateSha256));
        Assert.Equal("add", patched.Patch[0]!["op"]!.GetValue<string>());
    }

    [Fact]
    public void Given_a_patched_canvas_When_evolved_Then_the_state_is_the_patched_document()
    {
        var state = _spec.Given(Created("""{"n":1}"""), Patched("""[{"op":"remove","path":"/n"},{"op":"add","path":"/k","value":[true]}]""", """{"k":[true]}""", 2)).State;

        Assert.True(JsonValues.DeepEquals(Obj("""{"k":[true]}"""), state.Document));
        Assert.Equal((2L, Hash("""{"k":[true]}""")), (state.Version, state.StateSha256));
    }

    [Fact]
    public void Given_a_canvas_at_version_2_When_patched_against_version_1_Then_wrong_expected_version_1_actual_2()
    {
        var error = Assert.Throws<WrongExpectedVersionException>(() => CanvasDecider.Decide(
            new PatchCanvas(Canvas, JsonNode.Parse("""[{"op":"replace","path":"/n","value":3}]"""), 1, T2),
            _spec.Given(Created("""{"n":1}"""), Patched("""[{"op":"replace","path":"/n","value":2}]""", """{"n":2}""", 2)).State));

        Assert.Equal((CanvasDecider.StreamFor(Canvas).Value, "1", 2L), (error.Stream, error.Expected, error.Actual));
    }

    [Fact]
    public void Given_no_canvas_When_patched_Then_not_found() =>
        _spec.When(new PatchCanvas(Canvas, JsonNode.Parse("""[{"op":"remove","path":"/n"}]"""), 0, T0)).ThenThrows<NotFoundException>("canvas.not_found");

    [Fact]
    public void Given_a_canvas_When_a_later_test_fails_Then_test_failed_naming_that_operation()
    {
        var ex = _spec.Given(Created("""{"n":1}"""))
            .When(new PatchCanvas(Canvas, JsonNode.Parse("""[{"op":"replace","path":"/n","value":2},{"op":"test","path":"/n","value":1}]"""), 1, T1))
            .ThenThrows<JsonPatchException>("json_patch.test_failed");

        Assert.Equal((1, "test"), (ex.OperationIndex, ex.Op));
    }

    [Fact]
    public void Given_a_canvas_When_a_path_does_not_resolve_Then_unresolvable_naming_the_operation()
    {
        var ex = _spec.Given(Created("""{"n":1}"""))
            .When(new PatchCanvas(Canvas, JsonNode.Parse("""[{"op":"move","from":"/missing","path":"/x"}]"""), 1, T1))
            .ThenThrows<JsonPatchException>("json_patch.unresolvable");

        Assert.Equal((0, "move"), (ex.OperationIndex, ex.Op));
    }

    [Fact]
    public void Given_a_canvas_When_the_patch_replaces_the_root_with_an_array_Then_state_not_object() =>
        _spec.Given(Created("{}")).When(new PatchCanvas(Canvas, JsonNode.Parse("""[{"op":"replace","path":"","value":[]}]"""), 1, T1))
            .ThenThrows<RuleViolationException>("canvas.state_not_object");

    [Fact]
    public void Given_a_canvas_When_the_patch_is_empty_or_not_an_array_Then_invalid_patch()
    {
        _spec.Given(Created("{}")).When(new PatchCanvas(Canvas, new JsonArray(), 1, T1)).ThenInvalid("Patch");
        _spec.Given(Created("{}")).When(new PatchCanvas(Canvas, Obj("""{"op":"add"}"""), 1, T1)).ThenInvalid("Patch");
    }

    [Fact]
    public void Given_a_canvas_When_a_patch_value_is_beyond_the_double_range_Then_invalid_patch() =>
        _spec.Given(Created("{}")).When(new PatchCanvas(Canvas, JsonNode.Parse("""[{"op":"add","path":"/x","value":1e400}]"""), 1, T1)).ThenInvalid("Patch");

    [Fact]
    public void Given_a_canvas_When_the_state_would_grow_over_the_limit_Then_too_large()
    {
        var big = new string('x', CanvasLimits.MaxPatchBytes - 100);
        var patch = new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/big", ["value"] = big });
        var state = new JsonObject();
        for (var i = 0; i < CanvasLimits.MaxStateBytes / big.Length; i++)
        {
            state[$"k{i}"] = big;
        }

        var full = new CanvasCreated(Canvas, Session, state, CanonicalJson.Hash(state).Sha256, 1, T0);
        var ex = _spec.Given(full).When(new PatchCanvas(Canvas, patch, 1, T1)).ThenThrows<TooLargeException>("input.too_large");

        Assert.Equal(CanvasLimits.MaxStateBytes, ex.Limit);
    }

    [Fact]
    public void Given_a_canvas_When_the_patch_nests_the_state_too_deep_Then_state_too_deep()
    {
        JsonNode deep = new JsonArray();
        for (var i = 0; i < CanvasLimits.MaxStateDepth; i++)
        {
            deep = new JsonArray(deep);
        }

        var patch = new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/deep", ["value"] = deep });

        _spec.Given(Created("{}")).When(new PatchCanvas(Canvas, patch, 1, T1)).ThenThrows<RuleViolationException>("canvas.state_too_deep");
    }

    [Fact]
    public void Given_a_patched_canvas_When_version_1_is_restored_Then_restored_as_version_3_with_version_1s_state_and_hash()
    {
        var v1 = _spec.Given(Created("""{"n":1}""")).State;

        var events = Decide(new RestoreCanvas(Canvas, 1, v1, null, T2), Created("""{"n":1}"""), Patched("""[{"op":"replace","path":"/n","value":2}]""", """{"n":2}""", 2));

        var restored = Assert.IsType<CanvasRestored>(Assert.Single(events));
        Assert.Equal((1L, 3L, Hash("""{"n":1}""")), (restored.RestoredVersion, restored.Version, restored.StateSha256));
        Assert.True(JsonValues.DeepEquals(Obj("""{"n":1}"""), restored.State));
    }

    [Fact]
    public void Given_a_canvas_at_version_1_When_version_2_is_restored_Then_canvas_version_not_found() =>
        _spec.Given(Created("{}")).When(new RestoreCanvas(Canvas, 2, CanvasDecider.Initial, null, T1)).ThenThrows<NotFoundException>("canvas_version.not_found");

    [Fact]
    public void Given_a_canvas_at_version_1_When_restored_expecting_version_2_Then_wrong_expected_version()
    {
        var v1 = _spec.Given(Created("{}")).State;

        _spec.Given(Created("{}")).When(new RestoreCanvas(Canvas, 1, v1, 2, T1)).ThenThrows<WrongExpectedVersionException>("stream.wrong_expected_version");
    }
}
