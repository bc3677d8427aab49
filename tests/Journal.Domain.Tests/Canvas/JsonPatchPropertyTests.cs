using System.Globalization;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Journal.Domain.Canvas.Patching;

namespace Journal.Domain.Tests.Canvas;

public class JsonPatchPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static Gen<string> Key => Gen.Elements("a", "b", "c", "x/y", "t~1", "", "ü", "-", "0", "key with space");

    private static Gen<JsonNode?> Scalar => Gen.OneOf(
        Gen.Constant<JsonNode?>(null),
        Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Choose(-1000, 1000).Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Choose(-1000, 1000).Select(n => (JsonNode?)JsonValue.Create(n / 8.0)),
        Gen.Elements("", "s", "with \"quote\"", "line\nbreak", "ž").Select(s => (JsonNode?)JsonValue.Create(s)));

    private static Gen<JsonNode?> Value(int depth) => depth <= 0
        ? Scalar
        : Gen.OneOf(
            Scalar,
            Gen.ListOf(Value(depth - 1)).Select(items => (JsonNode?)new JsonArray([.. items.Take(4).Select(i => i?.DeepClone())])),
            Document(depth - 1).Select(o => (JsonNode?)o));

    private static Gen<JsonObject> Document(int depth) =>
        Gen.ListOf(Key.SelectMany(k => Value(depth).Select(v => (k, v)))).Select(pairs =>
        {
            var obj = new JsonObject();
            foreach (var (k, v) in pairs.Take(5))
            {
                obj[k] = v?.DeepClone();
            }

            return obj;
        });

    private static JsonArray Ops(params JsonObject[] ops) => [.. ops];

    [Fact]
    public void Add_then_remove_of_a_new_member_gives_back_the_document_when_inputs_are_random() =>
        Check.One(Runs, Prop.ForAll(Document(2).ToArbitrary(), Value(2).ToArbitrary(), (doc, value) =>
        {
            var pointer = "/" + JsonPointer.Escape("fresh/~key");
            var patch = Ops(
                new JsonObject { ["op"] = "add", ["path"] = pointer, ["value"] = value?.DeepClone() },
                new JsonObject { ["op"] = "remove", ["path"] = pointer });
            return JsonValues.DeepEquals(doc, JsonPatch.Parse(patch).Apply(doc));
        }));

    [Fact]
    public void Add_then_test_of_the_same_value_succeeds_and_holds_the_value_when_inputs_are_random() =>
        Check.One(Runs, Prop.ForAll(Document(2).ToArbitrary(), Key.ToArbitrary(), Value(2).ToArbitrary(), (doc, key, value) =>
        {
            var pointer = "/" + JsonPointer.Escape(key);
            var patch = Ops(
                new JsonObject { ["op"] = "add", ["path"] = pointer, ["value"] = value?.DeepClone() },
                new JsonObject { ["op"] = "test", ["path"] = pointer, ["value"] = value?.DeepClone() });
            var result = JsonPatch.Parse(patch).Apply(doc)!.AsObject();
            return JsonValues.DeepEquals(value, result[key]) && result.ContainsKey(key);
        }));

    [Fact]
    public void Failing_patch_leaves_the_document_unchanged_when_inputs_are_random() =>
        Check.One(Runs, Prop.ForAll(Document(2).ToArbitrary(), Value(1).ToArbitrary(), (doc, value) =>
        {
            var before = doc.DeepClone();
            var patch = Ops(
                new JsonObject { ["op"] = "add", ["path"] = "/added", ["value"] = value?.DeepClone() },
                new JsonObject { ["op"] = "test", ["path"] = "/added", ["value"] = new JsonArray("never", "this") });
            var failed = Assert.Throws<JsonPatchException>(() => JsonPatch.Parse(patch).Apply(doc));
            return failed.OperationIndex == 1 && JsonValues.DeepEquals(before, doc);
        }));

    [Fact]
    public void Move_there_and_back_gives_back_the_document_when_inputs_are_random() =>
        Check.One(Runs, Prop.ForAll(Document(2).ToArbitrary(), Value(2).ToArbitrary(), (doc, value) =>
        {
            doc["m"] = value?.DeepClone();
            var patch = Ops(
                new JsonObject { ["op"] = "move", ["from"] = "/m", ["path"] = "/moved" },
                new JsonObject { ["op"] = "move", ["from"] = "/moved", ["path"] = "/m" });
            return JsonValues.DeepEquals(doc, JsonPatch.Parse(patch).Apply(doc));
        }));

    [Fact]
    public void Apply_in_place_gives_what_apply_gives_and_apply_leaves_its_input_when_inputs_are_random() =>
        Check.One(Runs, Prop.ForAll(Document(2).ToArbitrary(), Key.ToArbitrary(), Value(2).ToArbitrary(), (doc, key, value) =>
        {
            doc["k"] = new JsonArray(1, 2, 3);
            var patch = Ops(
                new JsonObject { ["op"] = "add", ["path"] = "/" + JsonPointer.Escape(key), ["value"] = value?.DeepClone() },
                new JsonObject { ["op"] = "copy", ["from"] = "/k", ["path"] = "/copied" },
                new JsonObject { ["op"] = "move", ["from"] = "/k/0", ["path"] = "/copied/-" });
            var before = doc.DeepClone();
            var copied = JsonPatch.Parse(patch).Apply(doc);
            var inPlace = JsonPatch.Parse(patch).ApplyInPlace(doc.DeepClone());
            return JsonValues.DeepEquals(copied, inPlace) && JsonValues.DeepEquals(before, doc);
        }));

    [Fact]
    public void Canonical_hash_ignores_member_order_and_number_spelling_when_documents_are_random() =>
        Check.One(Runs, Prop.ForAll(Document(3).ToArbitrary(), doc =>
        {
            var respelled = JsonNode.Parse(Respell(doc));
            return CanonicalJson.Hash(doc) == CanonicalJson.Hash(respelled) && JsonValues.DeepEquals(doc, respelled);
        }));

    [Fact]
    public void Pointer_of_a_token_parses_back_to_the_same_token_when_tokens_are_random() =>
        Check.One(Runs, Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), token =>
            JsonPointer.TryParse(JsonPointer.Of([token.Get]).Text, out var pointer) && pointer.Tokens is [var only] && only == token.Get));

    [Fact]
    public void Canonical_number_is_the_same_for_equal_values_spelled_differently()
    {
        Assert.Equal(["1", "1", "1", "0", "100", "1.5", "1E+300", "12345678901234567890"],
            new[] { "1", "1.0", "10E-1", "-0", "1e2", "15e-1", "1e300", "12345678901234567890" }.Select(JsonValues.CanonicalNumber));
        Assert.Null(JsonValues.TryCanonicalNumber("1e400"));
    }

    /// <summary>The document's JSON with members in reverse order and whole numbers written as <c>n.0</c>.</summary>
    private static string Respell(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject obj => "{" + string.Join(",", obj.Reverse().Select(p => JsonValue.Create(p.Key).ToJsonString() + ":" + Respell(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Respell)) + "]",
        _ when node.GetValueKind() == System.Text.Json.JsonValueKind.Number && long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) =>
            n.ToString(CultureInfo.InvariantCulture) + ".0",
        _ => node.ToJsonString(),
    };
}
