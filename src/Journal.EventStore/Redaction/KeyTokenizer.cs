namespace Journal.EventStore.Redaction;

/// <summary>
/// Splits a key into tokens without allocating: runs of letters and digits, further split at
/// lower-to-upper case changes (<c>apiKey</c>), at the end of an acronym (<c>APIKey</c> gives
/// <c>API</c>, <c>Key</c>) and between letters and digits (<c>oauth2</c> gives <c>oauth</c>, <c>2</c>).
/// Every other character (<c>_ - . space</c> and the rest) separates tokens.
/// </summary>
internal static class KeyTokenizer
{
    /// <summary>
    /// Writes up to <c>destination.Length</c> token ranges and returns how many tokens the key has,
    /// which may exceed the destination's length; the caller then retries with a larger buffer.
    /// </summary>
    public static int Tokenize(ReadOnlySpan<char> key, Span<Range> destination)
    {
        int count = 0;
        int i = 0;
        while (i < key.Length)
        {
            while (i < key.Length && !char.IsLetterOrDigit(key[i]))
            {
                i++;
            }

            if (i == key.Length)
            {
                break;
            }

            int start = i++;
            while (i < key.Length && char.IsLetterOrDigit(key[i]) && !IsBoundary(key, i))
            {
                i++;
            }

            if (count < destination.Length)
            {
                destination[count] = new Range(start, i);
            }

            count++;
        }

        return count;
    }

    /// <summary>Tokenizes into lower-case strings; used once per extra key when options are read.</summary>
    public static string[] ToLowerTokens(string key)
    {
        var ranges = new Range[Math.Max(1, key.Length)];
        int count = Tokenize(key, ranges);
        var tokens = new string[count];
        for (int t = 0; t < count; t++)
        {
            tokens[t] = key[ranges[t]].ToLowerInvariant();
        }

        return tokens;
    }

    private static bool IsBoundary(ReadOnlySpan<char> key, int i)
    {
        char previous = key[i - 1];
        char current = key[i];
        if (char.IsDigit(previous) != char.IsDigit(current))
        {
            return true;
        }

        if (char.IsLower(previous) && char.IsUpper(current))
        {
            return true;
        }

        // The last capital of an acronym starts the next word: "XMLHttp" splits before "H".
        return char.IsUpper(previous) && char.IsUpper(current) && i + 1 < key.Length && char.IsLower(key[i + 1]);
    }
}
