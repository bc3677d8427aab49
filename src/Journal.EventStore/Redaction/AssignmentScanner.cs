using System.Collections.Immutable;

namespace Journal.EventStore.Redaction;

/// <summary>
/// Finds <c>name=value</c> and <c>name: value</c> assignments whose name is a sensitive key, in env
/// lines, query strings, headers, log lines and JSON-looking text, and command-line flags whose name is
/// one, with the value after a space: <c>--token VALUE</c>, <c>-api-key "a b"</c>, and an argument list
/// written out, <c>["--token", "VALUE"]</c>. Hand-written rather than a regex because it anchors on the
/// (rare) separators and dashes and reuses the key tokenizer for the name.
/// </summary>
internal static class AssignmentScanner
{
    private static readonly ImmutableArray<string> AuthSchemes = ["bearer", "basic", "token", "digest"];

    public static void Collect(string text, SensitiveKeyMatcher keys, string replacement, ref List<SecretRange>? found)
    {
        CollectAssignments(text, keys, replacement, ref found);
        CollectFlags(text, keys, replacement, ref found);
    }

    private static void CollectAssignments(ReadOnlySpan<char> s, SensitiveKeyMatcher keys, string replacement, ref List<SecretRange>? found)
    {
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
            AddValue(s, valueStart, valueEnd, replacement, ref found);
        }
    }

    /// <summary>
    /// The space-separated flag forms; <c>--token=VALUE</c> is an assignment and found above. A flag starts
    /// a word (or a quoted list item) with one or two dashes and a letter.
    /// </summary>
    private static void CollectFlags(ReadOnlySpan<char> s, SensitiveKeyMatcher keys, string replacement, ref List<SecretRange>? found)
    {
        int pos = 0;
        while (pos < s.Length)
        {
            int rel = s[pos..].IndexOf('-');
            if (rel < 0)
            {
                return;
            }

            int dash = pos + rel;
            pos = dash + 1;
            if (!IsSensitiveFlag(s, dash, keys, out int nameEnd))
            {
                continue;
            }

            pos = nameEnd;
            if (!TryFindFlagValue(s, dash, nameEnd, keys, out int valueStart, out int valueEnd))
            {
                continue;
            }

            pos = Math.Max(pos, valueEnd);
            AddValue(s, valueStart, valueEnd, replacement, ref found);
        }
    }

    /// <summary>Whether an argument list item is a sensitive flag and nothing else: <c>--token</c>, <c>-api-key</c>.</summary>
    public static bool IsSensitiveFlagItem(ReadOnlySpan<char> item, SensitiveKeyMatcher keys) =>
        item.Length > 1 && item[0] == '-' && IsSensitiveFlag(item, 0, keys, out int nameEnd) && nameEnd == item.Length;

    /// <summary>
    /// Whether an argument list item after a sensitive flag is the next option rather than its value, by the
    /// same rule as in text: it starts with <c>--</c> or is itself a sensitive flag.
    /// </summary>
    public static bool IsOptionItem(ReadOnlySpan<char> item, SensitiveKeyMatcher keys) =>
        item.StartsWith("--") || (item.Length > 1 && item[0] == '-' && IsSensitiveFlag(item, 0, keys, out _));

    private static bool IsSensitiveFlag(ReadOnlySpan<char> s, int dash, SensitiveKeyMatcher keys, out int nameEnd)
    {
        nameEnd = dash;
        if (dash > 0 && !IsFlagStart(s[dash - 1]))
        {
            return false; // "pre-token", "x-api-key"
        }

        int nameStart = dash + 1;
        if (nameStart < s.Length && s[nameStart] == '-')
        {
            nameStart++;
        }

        if (nameStart == s.Length || !char.IsAsciiLetter(s[nameStart]))
        {
            return false; // "- item", "-- rest", "-5", "---"
        }

        nameEnd = nameStart;
        while (nameEnd < s.Length && IsNameChar(s[nameEnd]))
        {
            nameEnd++;
        }

        return keys.IsSensitive(s[nameStart..nameEnd]);
    }

    private static bool TryFindFlagValue(ReadOnlySpan<char> s, int dash, int nameEnd, SensitiveKeyMatcher keys, out int start, out int end)
    {
        start = end = nameEnd;
        if (nameEnd == s.Length)
        {
            return false;
        }

        // A written-out argument list: the flag is a quoted item and the value is the next quoted item.
        char opening = dash > 0 ? s[dash - 1] : '\0';
        if (opening is '"' or '\'' && s[nameEnd] == opening)
        {
            int next = SkipBlanks(s, nameEnd + 1);
            if (next < s.Length && s[next] == ',')
            {
                next = SkipBlanks(s, next + 1);
            }

            return next < s.Length && s[next] is '"' or '\'' && TryFindValue(s, next, out start, out end);
        }

        if (s[nameEnd] is not (' ' or '\t'))
        {
            return false; // "=" and ":" are assignments; anything else is not a flag
        }

        // A following option is not the value: "--token --verbose" and "--token -api-key KEY" (scanned itself).
        int word = SkipBlanks(s, nameEnd);
        if (word < s.Length && s[word] == '-'
            && ((word + 1 < s.Length && s[word + 1] == '-') || IsSensitiveFlag(s, word, keys, out _)))
        {
            return false;
        }

        return TryFindValue(s, nameEnd, out start, out end);
    }

    private static void AddValue(ReadOnlySpan<char> s, int start, int end, string replacement, ref List<SecretRange>? found)
    {
        if (replacement.Length > 0 && s[start..end].SequenceEqual(replacement))
        {
            return; // already redacted
        }

        (found ??= []).Add(new SecretRange(start, end - start));
    }

    private static int SkipBlanks(ReadOnlySpan<char> s, int from)
    {
        while (from < s.Length && s[from] is ' ' or '\t')
        {
            from++;
        }

        return from;
    }

    private static bool TryFindValue(ReadOnlySpan<char> s, int from, out int start, out int end)
    {
        int v = SkipBlanks(s, from);
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

    private static bool IsFlagStart(char before) => char.IsWhiteSpace(before) || before is '"' or '\'' or '`' or '[' or '(' or ',';
}
