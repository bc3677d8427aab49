using System.Collections.Immutable;

namespace Journal.EventStore.Redaction;

/// <summary>
/// Finds <c>name=value</c> and <c>name: value</c> assignments whose name is a sensitive key, in env
/// lines, query strings, headers, log lines and JSON-looking text. Hand-written rather than a regex
/// because it anchors on the (rare) separators and reuses the key tokenizer for the name.
/// </summary>
internal static class AssignmentScanner
{
    private static readonly ImmutableArray<string> AuthSchemes = ["bearer", "basic", "token", "digest"];

    public static void Collect(string text, SensitiveKeyMatcher keys, string replacement, ref List<SecretRange>? found)
    {
        ReadOnlySpan<char> s = text;
        int pos = 0;
        while (pos < s.Length)
        {
            int rel = s[pos..].IndexOfAny('=', ':');
            if (rel < 0)
            {
                return;
            }

            int sep = pos + rel;
            pos = sep + 1;
            if (sep + 1 < s.Length && (s[sep + 1] is '=' or ':' || (s[sep] == ':' && s[sep + 1] == '/')))
            {
                continue; // "==", "::", ":=", "https://"
            }

            int nameEnd = sep;
            while (nameEnd > 0 && s[nameEnd - 1] is ' ' or '\t')
            {
                nameEnd--;
            }

            if (nameEnd > 0 && s[nameEnd - 1] is '"' or '\'')
            {
                nameEnd--;
            }

            int nameStart = nameEnd;
            while (nameStart > 0 && IsNameChar(s[nameStart - 1]))
            {
                nameStart--;
            }

            if (nameStart == nameEnd || !keys.IsSensitive(s[nameStart..nameEnd]))
            {
                continue;
            }

            if (!TryFindValue(s, sep + 1, out int valueStart, out int valueEnd))
            {
                continue;
            }

            pos = Math.Max(pos, valueEnd);
            if (replacement.Length > 0 && s[valueStart..valueEnd].SequenceEqual(replacement))
            {
                continue; // already redacted
            }

            (found ??= []).Add(new SecretRange(valueStart, valueEnd - valueStart));
        }
    }

    private static bool TryFindValue(ReadOnlySpan<char> s, int from, out int start, out int end)
    {
        int v = from;
        while (v < s.Length && s[v] is ' ' or '\t')
        {
            v++;
        }

        start = end = v;
        if (v == s.Length)
        {
            return false;
        }

        if (s[v] is '"' or '\'')
        {
            start = v + 1;
            end = ClosingQuote(s, start, s[v]);
            return end > start;
        }

        end = Delimiter(s, v);

        // "Authorization: Bearer abc": keep the scheme word, redact the credential after it.
        if (end < s.Length && s[end] is ' ' or '\t' && IsAuthScheme(s[start..end]))
        {
            int credential = end;
            while (credential < s.Length && s[credential] is ' ' or '\t')
            {
                credential++;
            }

            int credentialEnd = Delimiter(s, credential);
            if (credentialEnd > credential)
            {
                start = credential;
                end = credentialEnd;
            }
        }

        return end > start;
    }

    private static int ClosingQuote(ReadOnlySpan<char> s, int from, char quote)
    {
        for (int i = from; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '\\')
            {
                i++; // an escaped quote belongs to the value
            }
            else if (c == quote || c is '\n' or '\r')
            {
                return i;
            }
        }

        return s.Length;
    }

    private static int Delimiter(ReadOnlySpan<char> s, int from)
    {
        int i = from;
        while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not ('&' or ';' or ',' or '"' or '\'' or '`' or '<' or '>'))
        {
            i++;
        }

        return i;
    }

    private static bool IsAuthScheme(ReadOnlySpan<char> word)
    {
        foreach (string scheme in AuthSchemes)
        {
            if (word.Equals(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';
}
