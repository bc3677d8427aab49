using System.Globalization;
using System.Text;

namespace Journal.Domain.Canvas.Patching;

/// <summary>
/// An RFC 6901 JSON Pointer: <c>""</c> is the whole document, <c>/a/0/b</c> walks member <c>a</c>,
/// element 0, member <c>b</c>. In a reference token <c>~1</c> stands for <c>/</c> and <c>~0</c> for
/// <c>~</c> (decoded in that order, so <c>~01</c> is the member <c>~1</c>).
/// </summary>
public sealed class JsonPointer
{
    private JsonPointer(string text, string[] tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    /// <summary>The pointer of the whole document.</summary>
    public static JsonPointer Root { get; } = new(string.Empty, []);

    /// <summary>The pointer as written.</summary>
    public string Text { get; }

    /// <summary>The decoded reference tokens, outermost first.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Whether this is the whole document.</summary>
    public bool IsRoot => Tokens.Count == 0;

    /// <summary>The last token; only for a pointer that is not the root.</summary>
    public string Last => Tokens[^1];

    /// <summary>Parses a pointer.</summary>
    /// <returns>False when <paramref name="text"/> is neither empty nor starts with <c>/</c>, or holds a <c>~</c> not followed by 0 or 1.</returns>
    public static bool TryParse(string text, out JsonPointer pointer)
    {
        pointer = Root;
        if (text.Length == 0)
        {
            return true;
        }

        if (text[0] != '/')
        {
            return false;
        }

        var raw = text[1..].Split('/');
        var tokens = new string[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            if (Unescape(raw[i]) is not { } token)
            {
                return false;
            }

            tokens[i] = token;
        }

        pointer = new JsonPointer(text, tokens);
        return true;
    }

    /// <summary>The pointer of <paramref name="tokens"/>, escaping <c>~</c> and <c>/</c>.</summary>
    public static JsonPointer Of(IEnumerable<string> tokens)
    {
        var list = tokens.ToArray();
        var text = new StringBuilder();
        foreach (var token in list)
        {
            text.Append('/').Append(Escape(token));
        }

        return new JsonPointer(text.ToString(), list);
    }

    /// <summary>Escapes one reference token: <c>~</c> becomes <c>~0</c>, <c>/</c> becomes <c>~1</c>.</summary>
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>
    /// Reads a token as an array index: <c>0</c> or digits without a leading zero (<c>01</c>, <c>1e0</c>,
    /// <c>-1</c> and <c>+1</c> are not indexes).
    /// </summary>
    public static bool TryIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    /// <summary>Whether this pointer names a location strictly inside <paramref name="other"/>'s value.</summary>
    public bool IsInside(JsonPointer other)
    {
        if (Tokens.Count <= other.Tokens.Count)
        {
            return false;
        }

        for (var i = 0; i < other.Tokens.Count; i++)
        {
            if (!string.Equals(Tokens[i], other.Tokens[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static string? Unescape(string raw)
    {
        if (!raw.Contains('~', StringComparison.Ordinal))
        {
            return raw;
        }

        var token = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '~')
            {
                token.Append(raw[i]);
                continue;
            }

            if (i + 1 >= raw.Length || raw[i + 1] is not ('0' or '1'))
            {
                return null;
            }

            token.Append(raw[i + 1] == '0' ? '~' : '/');
            i++;
        }

        return token.ToString();
    }
}
