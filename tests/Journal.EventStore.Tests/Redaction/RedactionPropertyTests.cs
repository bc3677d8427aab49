using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Journal.EventStore.Redaction;

namespace Journal.EventStore.Tests.Redaction;

public class RedactionPropertyTests
{
    private static readonly string[] InnocentKeys = ["name", "items", "meta", "body", "text", "max_tokens", "author", "id", "args"];
    private static readonly string[] SensitiveKeys = ["api_key", "Authorization", "refreshToken", "password", "client_secret", "x-api-key", "cookie"];
    private static readonly string[] Prose = ["hello world", "the tokenizer counts tokens", "max_tokens=256", "see https://example.com/a?b=1", "12:30 meeting"];

    // Relaxed escaping so a leaked secret would appear verbatim in the serialized text.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Redact_leaves_no_planted_secret_in_serialized_output()
    {
        var redactor = new Redactor(RedactionOptions.Default);
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var rng = new Random(seed);
            var planted = new List<string>();
            JsonNode root = Tree(rng, depth: 0, planted);
            if (planted.Count == 0)
            {
                root = new JsonArray(root, Plant(rng, planted));
            }

            string before = root.ToJsonString(Relaxed);
            RedactionResult result = redactor.Redact(root);
            string after = result.Value!.ToJsonString(Relaxed);
            return planted.TrueForAll(secret => before.Contains(secret, StringComparison.Ordinal) && !after.Contains(secret, StringComparison.Ordinal))
                && result.Paths.Count > 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RedactText_leaves_no_value_of_a_sensitive_flag_or_variable_in_any_form()
    {
        var redactor = new Redactor(RedactionOptions.Default);
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var rng = new Random(seed);
            string name = SensitiveFlagNames[rng.Next(SensitiveFlagNames.Length)];
            string flag = (rng.Next(2) == 0 ? "-" : "--") + name;
            string variable = name.Replace('-', '_').ToUpperInvariant();
            string secret = FakeSecrets.Opaque(rng, rng.Next(6, 40));
            string spaced = "two words " + secret;
            (string written, string kept) = rng.Next(11) switch
            {
                0 => ($"{flag} {secret}", flag),
                1 => ($"{flag}={secret}", flag),
                2 => ($"{flag} \"{spaced}\"", flag),
                3 => ($"{flag}\t'{spaced}'", flag),
                4 => ($"{flag}=\"{spaced}\"", flag),
                5 => ($"{flag}='{spaced}'", flag),
                6 => ($"{variable}={secret}", variable),
                7 => ($"export {variable}=\"{spaced}\"", variable),
                8 => ($"export {variable}='{spaced}'", variable),
                9 => ($"[\"{flag}\", \"{secret}\"]", flag),
                _ => ($"['{flag}', '{spaced}']", flag),
            };
            string before = InnocentCommands[rng.Next(InnocentCommands.Length)];
            string after = InnocentCommands[rng.Next(InnocentCommands.Length)];
            string output = redactor.RedactText(before + " " + written + " " + after, out bool changed);
            return changed
                && !output.Contains(secret, StringComparison.Ordinal)
                && output.Contains(kept, StringComparison.Ordinal)
                && output.StartsWith(before + " ", StringComparison.Ordinal)
                && output.EndsWith(" " + after, StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    private static readonly string[] SensitiveFlagNames =
    [
        "token", "api-key", "api_key", "apiKey", "password", "passwd", "client-secret", "auth-token", "access-token",
        "refresh_token", "secret", "authorization", "private-key", "github-token", "openai-api-key", "db-password", "cookie",
    ];

    private static readonly string[] InnocentCommands =
        ["", "tool run", "llm --max-tokens 100", "--tokenizer bpe", "--verbose", "&& echo done", "--tokens 5 -v", "| tee out.log"];

    private static JsonNode Tree(Random rng, int depth, List<string> planted)
    {
        int choice = depth >= 4 ? rng.Next(3) : rng.Next(6);
        switch (choice)
        {
            case 0:
                return JsonValue.Create(Prose[rng.Next(Prose.Length)]);
            case 1:
                return rng.Next(4) == 0 ? Plant(rng, planted) : JsonValue.Create(rng.Next(1000));
            case 2:
                return rng.Next(3) == 0 ? Plant(rng, planted) : JsonValue.Create(rng.Next(2) == 0);
            case 3:
            case 4:
                var obj = new JsonObject();
                int properties = rng.Next(5);
                for (int i = 0; i < properties; i++)
                {
                    if (rng.Next(5) == 0)
                    {
                        string secret = FakeSecrets.Opaque(rng, 20);
                        planted.Add(secret);
                        JsonNode value = rng.Next(2) == 0 ? JsonValue.Create(secret) : new JsonArray(JsonValue.Create(secret));
                        obj[SensitiveKeys[rng.Next(SensitiveKeys.Length)] + i] = value;
                    }
                    else
                    {
                        obj[InnocentKeys[rng.Next(InnocentKeys.Length)] + i] = Tree(rng, depth + 1, planted);
                    }
                }

                return obj;
            default:
                var array = new JsonArray();
                int elements = rng.Next(5);
                for (int i = 0; i < elements; i++)
                {
                    array.Add(Tree(rng, depth + 1, planted));
                }

                return array;
        }
    }

    /// <summary>A string holding a secret: a vendor pattern in prose, an assignment, or embedded JSON.</summary>
    private static JsonNode Plant(Random rng, List<string> planted)
    {
        string secret;
        string text;
        switch (rng.Next(7))
        {
            case 0:
                secret = FakeSecrets.OpenAi(rng);
                text = "calling with " + secret + " now";
                break;
            case 1:
                secret = FakeSecrets.GitHub(rng, 'p');
                text = "GITHUB_TOKEN=" + secret;
                break;
            case 2:
                secret = FakeSecrets.Jwt(rng);
                text = "jwt " + secret;
                break;
            case 3:
                secret = FakeSecrets.Opaque(rng, 24);
                text = "https://example.com/cb?access_token=" + secret + "&state=1";
                break;
            case 4:
                secret = FakeSecrets.AwsAccessKeyId(rng);
                text = "[" + secret.Length + "] id " + secret;
                break;
            case 5:
                secret = FakeSecrets.Opaque(rng, 18);
                text = new JsonObject { ["headers"] = new JsonObject { ["x-api-key"] = secret } }.ToJsonString();
                break;
            default:
                secret = FakeSecrets.Slack(rng);
                string inner = new JsonArray("note: " + secret).ToJsonString();
                text = new JsonObject { ["payload"] = inner }.ToJsonString();
                break;
        }

        planted.Add(secret);
        return JsonValue.Create(text);
    }
}
