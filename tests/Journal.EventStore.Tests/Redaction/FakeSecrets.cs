using System.Text;

namespace Journal.EventStore.Tests.Redaction;

/// <summary>Builds realistic-looking but random, never real, credentials at test time.</summary>
internal static class FakeSecrets
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string UpperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static string Chars(Random rng, int length, string alphabet = Alnum)
    {
        var builder = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            builder.Append(alphabet[rng.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    // A trailing digit keeps the "has a digit" heuristic deterministic for short random strings.
    public static string Opaque(Random rng, int length = 32) => Chars(rng, length - 1) + rng.Next(10);

    public static string OpenAi(Random rng) => "sk-" + Opaque(rng, 48);

    public static string OpenAiProject(Random rng) => "sk-proj-" + Opaque(rng, 40) + "_" + Opaque(rng, 20);

    public static string Anthropic(Random rng) => "sk-ant-api03-" + Opaque(rng, 60) + "-" + Opaque(rng, 20) + "AA";

    public static string GitHub(Random rng, char kind) => "gh" + kind + "_" + Chars(rng, 36);

    public static string GitHubFineGrained(Random rng) => "github_pat_" + Chars(rng, 22) + "_" + Chars(rng, 59);

    public static string Slack(Random rng) =>
        "xoxb-" + Chars(rng, 12, "0123456789") + "-" + Chars(rng, 13, "0123456789") + "-" + Chars(rng, 24);

    public static string AwsAccessKeyId(Random rng) => "AKIA" + Chars(rng, 16, UpperDigits);

    public static string Google(Random rng) => "AIza" + Chars(rng, 35, Alnum + "-_");

    public static string Jwt(Random rng)
    {
        string header = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        string payload = Base64Url("{\"sub\":\"" + Chars(rng, 12) + "\",\"iat\":" + rng.Next() + "}");
        return header + "." + payload + "." + Chars(rng, 43, Alnum + "-_");
    }

    public static string PemPrivateKey(Random rng)
    {
        var builder = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
        for (int line = 0; line < 5; line++)
        {
            builder.Append(Chars(rng, 64, Alnum + "+/")).Append('\n');
        }

        return builder.Append("-----END RSA PRIVATE KEY-----").ToString();
    }

    public static string BasicCredential(Random rng) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + Opaque(rng, 14)));

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
