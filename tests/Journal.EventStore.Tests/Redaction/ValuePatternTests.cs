using System.Text.Json.Nodes;
using Journal.EventStore.Redaction;

namespace Journal.EventStore.Tests.Redaction;

public class ValuePatternTests
{
    private const string R = "[REDACTED]";
    private readonly Redactor _redactor = new(RedactionOptions.Default);

    /// <summary>Input text and the exact expected output, built from freshly generated fake secrets.</summary>
    public static TheoryData<string, string, string> Cases()
    {
        var rng = new Random(20240601);
        string token = FakeSecrets.Opaque(rng, 40);
        string basic = FakeSecrets.BasicCredential(rng);
        string password = FakeSecrets.Opaque(rng, 12);
        var data = new TheoryData<string, string, string>();
        void Add(string name, Func<string, string> frame, string secret) => data.Add(name, frame(secret), frame(R));

        Add("bearer header", s => "curl -H 'Authorization: Bearer " + s + "' https://api.example.com", token);
        Add("bearer lower case", s => "sent bearer " + s + " upstream", token);
        Add("basic", s => "Authorization: Basic " + s, basic);
        Add("basic in prose", s => "retry with BASIC " + s + " now", basic);
        Add("openai", s => "using " + s + " for the call", FakeSecrets.OpenAi(rng));
        Add("openai project", s => "key=" + s, FakeSecrets.OpenAiProject(rng));
        Add("anthropic", s => "ANTHROPIC " + s + ".", FakeSecrets.Anthropic(rng));
        foreach (char kind in "pousr")
        {
            Add("github gh" + kind, s => "remote https://github.com/o/r with " + s, FakeSecrets.GitHub(rng, kind));
        }

        Add("github fine-grained", s => "pat " + s, FakeSecrets.GitHubFineGrained(rng));
        Add("slack", s => "slack bot " + s + " posted", FakeSecrets.Slack(rng));
        Add("aws", s => "aws id " + s + " in us-east-1", FakeSecrets.AwsAccessKeyId(rng));
        Add("google", s => "maps " + s, FakeSecrets.Google(rng));
        Add("jwt", s => "cookie value " + s + " expired", FakeSecrets.Jwt(rng));
        Add("pem", s => "here:\n" + s + "\ndone", FakeSecrets.PemPrivateKey(rng));
        Add("token assignment", s => "token=" + s, "abc123");
        Add("api_key assignment", s => "api_key=" + s + " and more", "abc123");
        Add("password colon", s => "password: " + s, "hunter2");
        Add("query string", s => "GET https://example.com/cb?access_token=" + s + "&x=1", token);
        Add("url credentials", s => "postgres://app:" + s + "@db.internal:5432/app", password);
        Add("env line", s => "export OPENAI_API_KEY=" + s + "\nexport DEBUG=1", password);
        Add("json-looking text", s => "{\"client_secret\": \"" + s + "\", \"n\": 1", password);
        Add("semicolon delimited", s => "Server=db;User Id=app;Password=" + s + ";Pooling=true", password);
        Add("flag then space", s => "fetch --token " + s + " --verbose", token);
        Add("flag then equals", s => "fetch --token=" + s + " --verbose", token);
        Add("single-dash flag", s => "fetch -token " + s + " -v", token);
        Add("two-word flag", s => "deploy --api-key " + s, token);
        Add("camel-case flag", s => "deploy --clientSecret\t" + s + " now", token);
        Add("flag after a kept flag", s => "gen --max-tokens 100 --auth-token " + s + " --tokenizer bpe", token);
        Add("flag with double-quoted value", s => "login --password \"" + s + "\" --user ada", "correct horse battery");
        Add("flag with single-quoted value", s => "login --password '" + s + "' --user ada", "correct horse battery");
        Add("flag equals single-quoted value", s => "fetch --token='" + s + "'", "x y " + password);
        Add("flag equals double-quoted value", s => "fetch --token=\"" + s + "\"", "x y " + password);
        Add("flag before a flag-looking value", s => "fetch --token " + s + " --verbose", "-" + password);
        Add("argv list written as json", s => "argv: [\"fetch\", \"--token\", \"" + s + "\"]", token);
        Add("argv list written by python", s => "['fetch', '--api-key', '" + s + "']", token);
        Add("env assignment", s => "GITHUB_TOKEN=" + s + " gh pr list", token);
        Add("env assignment double-quoted", s => "NAME_TOKEN=\"" + s + "\" run", "a b " + password);
        Add("export single-quoted", s => "export API_KEY='" + s + "'\nexport DEBUG=1", "a b " + password);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RedactText_replaces_secret(string name, string input, string expected)
    {
        string output = _redactor.RedactText(input, out bool changed);

        Assert.True(changed, name);
        Assert.Equal(expected, output);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Redact_replaces_secret_in_string_under_innocent_key(string name, string input, string expected)
    {
        var root = new JsonObject { ["items"] = new JsonArray("plain", new JsonObject { ["note"] = input }) };

        RedactionResult result = _redactor.Redact(root);

        Assert.Equal(expected, root["items"]![1]!["note"]!.GetValue<string>());
        Assert.Equal(["/items/1/note"], result.Paths);
        Assert.Same(root, result.Value);
        _ = name;
    }

    [Fact]
    public void Redact_replaces_root_string_and_reports_empty_pointer()
    {
        string token = FakeSecrets.OpenAi(new Random(7));
        JsonNode root = JsonValue.Create("key " + token);

        RedactionResult result = _redactor.Redact(root);

        Assert.NotSame(root, result.Value);
        Assert.Equal("key " + R, result.Value!.GetValue<string>());
        Assert.Equal([""], result.Paths);
    }

    [Theory]
    [InlineData("The tokenizer splits text into tokens; max_tokens=256 caps the output.")]
    [InlineData("Request 3f2b8c1e-9a4d-4f6b-8c2e-1d3a5b7c9e0f completed in 12ms")]
    [InlineData("sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    [InlineData("Use a Bearer token in the Authorization header.")]
    [InlineData("Basic authentication is configured; basic usage shown below.")]
    [InlineData("The secretary passed the passage to the author.")]
    [InlineData("input_tokens: 1200, output_tokens: 340, total_tokens=1540")]
    [InlineData("Visit https://example.com/docs?page=2&lang=en for details.")]
    [InlineData("Prefer sk-learn-compatible-estimators for the task-scheduler.")]
    [InlineData("A key: value pair; the primary_key=17 row; meeting at 12:30.")]
    [InlineData("if (token == null) return; password != other")]
    [InlineData("ghp_short and AKIA12 and eyJhbGciOi are fragments")]
    [InlineData("llm --max-tokens 100 --tokenizer bpe --tokens 5 --passwordless yes --key-file id.pub")]
    [InlineData("a pre-token step; - token bullet; -- token separator; x-api-key-less mode")]
    [InlineData("--token")]
    [InlineData("run --token --verbose")]
    public void RedactText_keeps_ordinary_text(string text)
    {
        string output = _redactor.RedactText(text, out bool changed);

        Assert.False(changed);
        Assert.Same(text, output);
    }

    [Fact]
    public void RedactText_replaces_every_flag_value_and_keeps_flag_names_when_a_command_line_has_several()
    {
        var rng = new Random(17);
        string token = "QZX" + FakeSecrets.Opaque(rng);
        string key = "QZX" + FakeSecrets.Opaque(rng);
        string pass = "QZX" + FakeSecrets.Opaque(rng, 12);

        string output = _redactor.RedactText($"--token {token} --api-key {key} -password \"{pass} two\" --max-tokens 100 --tokenizer bpe", out bool changed);

        Assert.True(changed);
        Assert.Equal($"--token {R} --api-key {R} -password \"{R}\" --max-tokens 100 --tokenizer bpe", output);
    }

    [Fact]
    public void RedactText_redacts_the_value_of_a_sensitive_flag_that_follows_a_sensitive_flag()
    {
        string output = _redactor.RedactText("run --token -api-key abc123 --verbose", out bool changed);

        Assert.True(changed);
        Assert.Equal("run --token -api-key " + R + " --verbose", output);
    }

    [Fact]
    public void RedactText_is_idempotent_for_flags()
    {
        string once = _redactor.RedactText("--token abc123 --api-key 'a b' -password=\"c d\"", out bool first);
        string twice = _redactor.RedactText(once, out bool second);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal("--token [REDACTED] --api-key '[REDACTED]' -password=\"[REDACTED]\"", twice);
    }

    [Fact]
    public void RedactText_is_idempotent()
    {
        string once = _redactor.RedactText("token=abc123 and Bearer " + FakeSecrets.Opaque(new Random(3)), out bool first);
        string twice = _redactor.RedactText(once, out bool second);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal("token=[REDACTED] and Bearer [REDACTED]", twice);
    }

    [Fact]
    public void RedactText_redacts_unterminated_pem_to_the_end()
    {
        string pem = FakeSecrets.PemPrivateKey(new Random(5));
        string truncated = "key follows " + pem[..^40];

        Assert.Equal("key follows " + R, _redactor.RedactText(truncated, out _));
    }

    [Fact]
    public void RedactText_uses_configured_replacement()
    {
        var redactor = new Redactor(RedactionOptions.Default with { Replacement = "<hidden>" });

        Assert.Equal("password=<hidden>", redactor.RedactText("password=hunter2", out bool changed));
        Assert.True(changed);
    }
}
