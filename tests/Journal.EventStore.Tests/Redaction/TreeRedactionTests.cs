using System.Text.Json.Nodes;
using Journal.EventStore.Redaction;

namespace Journal.EventStore.Tests.Redaction;

public class TreeRedactionTests
{
    private readonly Redactor _redactor = new(RedactionOptions.Default);

    [Fact]
    public void Redact_replaces_values_in_nested_objects_and_arrays()
    {
        JsonNode root = JsonNode.Parse("""
            {"a":{"b":[{"password":"p1"},{"ok":1,"list":[["x",{"refreshToken":"r1"}]]}]},"z":"plain"}
            """)!;

        RedactionResult result = _redactor.Redact(root);

        Assert.Equal(
            """{"a":{"b":[{"password":"[REDACTED]"},{"ok":1,"list":[["x",{"refreshToken":"[REDACTED]"}]]}]},"z":"plain"}""",
            result.Value!.ToJsonString());
        Assert.Equal(["/a/b/0/password", "/a/b/1/list/0/1/refreshToken"], result.Paths);
    }

    [Fact]
    public void Redact_replaces_the_item_after_a_sensitive_flag_item_in_an_argument_list()
    {
        JsonNode root = JsonNode.Parse("""
            {"argv":["gh","--token","t1","--max-tokens","100","-api-key",42,"--tokenizer","bpe","--password","--verbose","--secret","[REDACTED]","--token"]}
            """)!;

        RedactionResult result = _redactor.Redact(root);

        Assert.Equal(
            """{"argv":["gh","--token","[REDACTED]","--max-tokens","100","-api-key","[REDACTED]","--tokenizer","bpe","--password","--verbose","--secret","[REDACTED]","--token"]}""",
            result.Value!.ToJsonString());
        Assert.Equal(["/argv/2", "/argv/6"], result.Paths);
    }

    [Fact]
    public void Redact_replaces_the_item_after_a_sensitive_flag_item_in_an_argument_list_inside_a_string()
    {
        var root = new JsonObject { ["tool"] = "gh", ["arguments"] = """{"argv": ["pr", "list", "--token", "t1", "-token", "-api-key", "k1"]}""" };

        RedactionResult result = _redactor.Redact(root);

        Assert.Equal("""{"argv":["pr","list","--token","[REDACTED]","-token","-api-key","[REDACTED]"]}""", root["arguments"]!.GetValue<string>());
        Assert.Equal(["/arguments#/argv/3", "/arguments#/argv/6"], result.Paths);
    }

    [Fact]
    public void Redact_returns_same_instance_and_no_paths_when_nothing_is_sensitive()
    {
        const string json = """{"model":"m","max_tokens":256,"messages":[{"role":"user","content":"hello there"}],"ok":true,"n":null}""";
        JsonNode root = JsonNode.Parse(json)!;

        RedactionResult result = _redactor.Redact(root);

        Assert.Same(root, result.Value);
        Assert.Empty(result.Paths);
        Assert.Equal(json, root.ToJsonString());
    }

    [Fact]
    public void Redact_returns_null_for_null_root()
    {
        RedactionResult result = _redactor.Redact(null);

        Assert.Null(result.Value);
        Assert.Empty(result.Paths);
    }

    [Fact]
    public void Redact_is_idempotent()
    {
        JsonNode root = JsonNode.Parse("""{"token":"t","log":"password=hunter2","body":"{\"api_key\":\"k\"}"}""")!;

        RedactionResult first = _redactor.Redact(root);
        RedactionResult second = _redactor.Redact(first.Value);

        Assert.Equal(3, first.Paths.Count);
        Assert.Empty(second.Paths);
    }

    [Fact]
    public void Redact_reports_paths_in_document_order_with_escaping()
    {
        var root = new JsonObject
        {
            ["b"] = "password=x1",
            ["x/y"] = new JsonObject { ["token"] = 5 },
            ["m~n"] = new JsonArray("fine", "Bearer " + FakeSecrets.Opaque(new Random(1))),
            ["a"] = new JsonObject { ["secret"] = new JsonArray(1, 2) },
        };

        RedactionResult result = _redactor.Redact(root);

        Assert.Equal(["/b", "/x~1y/token", "/m~0n/1", "/a/secret"], result.Paths);
    }

    [Fact]
    public void Redact_redacts_json_inside_strings_two_levels_deep()
    {
        string inner = new JsonObject { ["password"] = "p2", ["keep"] = "k" }.ToJsonString();
        string body = new JsonObject { ["api_key"] = "k1", ["inner"] = inner, ["n"] = 1 }.ToJsonString();
        var root = new JsonObject { ["args"] = new JsonObject { ["body"] = body, ["other"] = "x" } };

        RedactionResult result = _redactor.Redact(root);

        Assert.Equal(["/args/body#/api_key", "/args/body#/inner#/password"], result.Paths);
        string newBody = root["args"]!["body"]!.GetValue<string>();
        Assert.Equal("""{"api_key":"[REDACTED]","inner":"{\"password\":\"[REDACTED]\",\"keep\":\"k\"}","n":1}""", newBody);
    }

    [Fact]
    public void Redact_reports_string_pointer_and_hash_form_for_embedded_array()
    {
        var root = new JsonObject { ["a/b"] = """[ "ok", {"x": "Bearer abcdef1234567890"} ]""" };

        RedactionResult result = _redactor.Redact(root);

        Assert.Equal(["/a~1b#/1/x"], result.Paths);
        Assert.Equal("""["ok",{"x":"Bearer [REDACTED]"}]""", root["a/b"]!.GetValue<string>());
    }

    [Fact]
    public void Redact_scans_json_deeper_than_the_limit_as_text()
    {
        var redactor = new Redactor(RedactionOptions.Default with { MaxEmbeddedJsonDepth = 1 });
        string inner = new JsonObject { ["password"] = "p2" }.ToJsonString();
        var root = new JsonObject { ["body"] = new JsonObject { ["inner"] = inner }.ToJsonString() };

        RedactionResult result = redactor.Redact(root);

        Assert.Equal(["/body#/inner"], result.Paths);
        Assert.DoesNotContain("p2", root.ToJsonString());
    }

    [Fact]
    public void Redact_keeps_embedded_json_string_untouched_when_nothing_inside_is_sensitive()
    {
        const string body = """{ "a" : [1, 2],  "b": "text" }""";
        var root = new JsonObject { ["body"] = body };

        RedactionResult result = _redactor.Redact(root);

        Assert.Empty(result.Paths);
        Assert.Equal(body, root["body"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("[INFO] token=abc123", "[INFO] token=[REDACTED]")]
    [InlineData("{not json, password=abc}", "{not json, password=[REDACTED]")]
    [InlineData("[1, 2, token=abc]", "[1, 2, token=[REDACTED]")]
    public void Redact_scans_json_looking_text_that_does_not_parse(string input, string expected)
    {
        var root = new JsonObject { ["log"] = input };

        RedactionResult result = _redactor.Redact(root);

        Assert.Equal(expected, root["log"]!.GetValue<string>());
        Assert.Equal(["/log"], result.Paths);
    }

    [Fact]
    public void Redact_walks_values_wrapping_objects()
    {
        var root = new JsonObject { ["wrapped"] = JsonValue.Create(new Dictionary<string, string> { ["password"] = "p" }) };

        RedactionResult result = _redactor.Redact(root);

        Assert.Equal(["/wrapped/password"], result.Paths);
        Assert.Equal("""{"wrapped":{"password":"[REDACTED]"}}""", root.ToJsonString());
    }

    [Fact]
    public void Constructor_rejects_invalid_options()
    {
        Assert.Throws<ArgumentNullException>(() => new Redactor(null!));
        Assert.Throws<ArgumentNullException>(() => new Redactor(RedactionOptions.Default with { Replacement = null! }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Redactor(RedactionOptions.Default with { MaxEmbeddedJsonDepth = -1 }));
    }

    [Fact]
    public void Default_options_match_the_agreed_values()
    {
        Assert.Empty(RedactionOptions.Default.ExtraKeys);
        Assert.Equal("[REDACTED]", RedactionOptions.Default.Replacement);
        Assert.Equal(4, RedactionOptions.Default.MaxEmbeddedJsonDepth);
    }
}
