using System.Globalization;
using System.Text;

namespace Journal.Reliability.Tests.Fuzz;

/// <summary>A seeded generator of hostile values, bodies and arguments.</summary>
public sealed class HostileInput(Random random)
{
    /// <summary>Values aimed at ids, paths and text fields: traversal, NUL, SQL and FTS syntax, huge, odd Unicode.</summary>
    public static readonly string[] Strings =
    [
        "../../../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/secret", "a/../../b", "..\\..\\windows", "/absolute/path",
        "nul\0byte", "%00", "\u0000", "' OR 1=1 --", "\"; DROP TABLE journal_events; --", "1; DELETE FROM journal_events",
        "NEAR(a b", "\"unterminated", "a* OR b*", "title:x AND -y", "(((", "^", "*", "{", "}", "\\", "%", "_%_",
        "\uFFFF\uFFFE", "\uD800", "🙂🙂🙂", "x".PadRight(5000, 'x'), "", " ", "null", "-1", "0", "9223372036854775807",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "<script>alert(1)</script>", "${jndi:ldap://x}",
    ];

    private static readonly string[] FieldNames =
    [
        "principal", "device", "channel", "label", "reason", "text", "kind", "path", "content", "title", "name", "toolName",
        "sessionId", "runId", "jobId", "entryId", "documentId", "decision", "scope", "input", "output", "stream", "error",
        "tokens", "expectedVersion", "args", "chunk", "q", "tags", "metadata", "payload",
    ];

    public bool Coin() => random.Next(2) == 0;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public string HostileString() => random.Next(6) == 0 ? RandomText(random.Next(1, 64)) : Pick(Strings);

    /// <summary>A query or route value: hostile text, a number out of range, or a plausible one.</summary>
    public string Value() => random.Next(5) switch
    {
        0 => random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture),
        1 => Guid.NewGuid().ToString(),
        2 => random.Next(-5, 5).ToString(CultureInfo.InvariantCulture),
        _ => HostileString(),
    };

    /// <summary>A JSON body: random or malformed, deep, huge, invalid UTF-8, or shaped like the endpoint's body with wrong values.</summary>
    public (string Name, byte[] Body, string ContentType) Body(IReadOnlyList<string> fields)
    {
        var names = fields.Count > 0 && random.Next(3) > 0 ? fields : FieldNames;
        switch (random.Next(14))
        {
            case 0: return ("deep array", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)), "application/json");
            case 1: return ("deep object", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)), "application/json");
            case 2: return ("truncated", Encoding.UTF8.GetBytes(Truncate(ObjectText(names, 2))), "application/json");
            case 3: return ("invalid utf-8", InvalidUtf8(names), "application/json");
            case 4: return ("wrong content type", Encoding.UTF8.GetBytes(ObjectText(names, 2)), Pick(["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "image/png"]));
            case 5: return ("huge string", Encoding.UTF8.GetBytes($"{{\"{Pick(names)}\":\"{new string('a', 900_000)}\"}}"), "application/json");
            case 6: return ("over the size limit", Encoding.UTF8.GetBytes($"{{\"{Pick(names)}\":\"{new string('a', 2_000_000)}\"}}"), "application/json");
            case 7: return ("scalar", Encoding.UTF8.GetBytes(Pick(["null", "true", "1e999", "\"x\"", "[]", "", "   ", "{}{}", "{\"a\":1,}", "NaN"])), "application/json");
            case 8: return ("duplicate keys", Encoding.UTF8.GetBytes($"{{\"{Pick(names)}\":1,\"{Pick(names)}\":\"a\",\"{Pick(names)}\":null}}"), "application/json");
            default: return ("random object", Encoding.UTF8.GetBytes(ObjectText(names, 3)), "application/json");
        }
    }

    /// <summary>Malformed admin-verb arguments.</summary>
    public string[] CliArguments(string existingFile, string scratchFile)
    {
        string[] verbs = ["verify", "stats", "export", "replay", "projections", "hash-key"];
        string[] options = ["--db", "--from", "--to", "--json", "--format", "--projection", "--projections-db", "--verify", "--bogus", "-x", "--"];
        var args = new List<string> { Pick(verbs) };
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            var option = Pick(options);
            args.Add(option);
            if (option is "--db")
            {
                args.Add(Pick([existingFile, scratchFile, "/proc/self/mem", "/dev/null", "../escape.db", "", "\0", "/nonexistent/x.db", "/", "/proc/self/status", Pick(Strings)]));
            }
            else if (option is "--projections-db")
            {
                // Never a path outside the test's directory that a valid replay could create.
                args.Add(Pick([scratchFile, "../escape.db", "", "\0", "/proc/journal-reliability/p.db", "/"]));
            }
            else if (random.Next(3) > 0)
            {
                args.Add(Value());
            }
        }

        return args.ToArray();
    }

    private string ObjectText(IReadOnlyList<string> names, int depth)
    {
        var builder = new StringBuilder("{");
        var count = random.Next(0, Math.Min(8, names.Count + 2));
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(Quote(random.Next(8) == 0 ? HostileString() : Pick(names))).Append(':').Append(ValueText(names, depth - 1));
        }

        return builder.Append('}').ToString();
    }

    private string ValueText(IReadOnlyList<string> names, int depth) => random.Next(depth > 0 ? 9 : 7) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture),
        3 => (random.NextDouble() * 1e300).ToString("R", CultureInfo.InvariantCulture),
        4 => Quote(Guid.NewGuid().ToString()),
        5 or 6 => Quote(HostileString()),
        7 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => ValueText(names, depth - 1))) + "]",
        _ => ObjectText(names, depth - 1),
    };

    private string Truncate(string text) => text.Length <= 1 ? "{" : text[..random.Next(1, text.Length)];

    private byte[] InvalidUtf8(IReadOnlyList<string> names)
    {
        var head = Encoding.UTF8.GetBytes($"{{\"{Pick(names)}\":\"");
        byte[] bad = [0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80];
        return [.. head, .. bad, .. "\"}"u8.ToArray()];
    }

    private string RandomText(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(0, 0x3000);
        }

        return new string(chars);
    }

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
