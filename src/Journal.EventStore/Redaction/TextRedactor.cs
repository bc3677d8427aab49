using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace Journal.EventStore.Redaction;

/// <summary>
/// Value-pattern redaction of one string. Allocates nothing unless it finds a secret: a vectorized
/// search for trigger substrings rejects almost every string before any regex runs, the regexes are
/// enumerated as <see cref="ValueMatch"/> structs, and the output string is built only on a hit.
/// </summary>
internal sealed class TextRedactor
{
    // "pwd=x" is the shortest built-in secret a text can hold.
    private const int BuiltInMinimumLength = 5;

    private static readonly ImmutableArray<string> BuiltInTriggers =
    [
        "sk-", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "akia", "asia", "aiza",
        "eyj", "-----begin", "bearer", "basic", "://",
    ];

    private readonly SensitiveKeyMatcher _keys;
    private readonly string _replacement;
    private readonly SearchValues<string> _triggers;
    private readonly int _minimumLength;

    public TextRedactor(SensitiveKeyMatcher keys, string replacement)
    {
        _keys = keys;
        _replacement = replacement;
        string[] triggers = [.. BuiltInTriggers, .. SensitiveKeyLists.AssignmentTriggers, .. keys.ExtraFirstTokens];
        _triggers = SearchValues.Create(triggers, StringComparison.OrdinalIgnoreCase);
        _minimumLength = BuiltInMinimumLength;
        foreach (string first in keys.ExtraFirstTokens)
        {
            _minimumLength = Math.Min(_minimumLength, first.Length + 2); // "x=1"
        }
    }

    /// <summary>The quick check <see cref="Redact"/> starts with: false when the text cannot hold a secret.</summary>
    public bool MightMatch(ReadOnlySpan<char> text) => text.Length >= _minimumLength && text.IndexOfAny(_triggers) >= 0;

    public string Redact(string text, out bool changed)
    {
        changed = false;
        if (!MightMatch(text))
        {
            return text;
        }

        List<SecretRange>? found = null;
        try
        {
            CollectWhole(SecretPatterns.PrefixedSk(), text, requireDigit: true, ref found);
            CollectWhole(SecretPatterns.GitHub(), text, requireDigit: false, ref found);
            CollectWhole(SecretPatterns.Slack(), text, requireDigit: false, ref found);
            CollectWhole(SecretPatterns.AwsAccessKeyId(), text, requireDigit: false, ref found);
            CollectWhole(SecretPatterns.GoogleApiKey(), text, requireDigit: false, ref found);
            CollectWhole(SecretPatterns.Jwt(), text, requireDigit: false, ref found);
            CollectWhole(SecretPatterns.PemPrivateKey(), text, requireDigit: false, ref found);
            CollectSchemeCredential(SecretPatterns.Bearer(), "bearer".Length, text, basic: false, ref found);
            CollectSchemeCredential(SecretPatterns.Basic(), "basic".Length, text, basic: true, ref found);
            CollectUrlPasswords(text, ref found);
            AssignmentScanner.Collect(text, _keys, _replacement, ref found);
        }
        catch (RegexMatchTimeoutException)
        {
            // Fail closed: a text too hostile to scan in time is not written at all.
            changed = true;
            return _replacement;
        }

        if (found is null)
        {
            return text;
        }

        changed = true;
        return Apply(text, found);
    }

    private void CollectWhole(Regex regex, string text, bool requireDigit, ref List<SecretRange>? found)
    {
        foreach (ValueMatch m in regex.EnumerateMatches(text))
        {
            // "sk-learn-compatible-estimators" is prose; real keys are random and carry digits.
            if (requireDigit && text.AsSpan(m.Index, m.Length).IndexOfAnyInRange('0', '9') < 0)
            {
                continue;
            }

            Add(text, m.Index, m.Length, ref found);
        }
    }

    private void CollectSchemeCredential(Regex regex, int schemeLength, string text, bool basic, ref List<SecretRange>? found)
    {
        foreach (ValueMatch m in regex.EnumerateMatches(text))
        {
            ReadOnlySpan<char> match = text.AsSpan(m.Index, m.Length);
            int offset = schemeLength;
            while (match[offset] is ' ' or '\t')
            {
                offset++;
            }

            ReadOnlySpan<char> credential = match[offset..];
            bool plausible = basic ? IsBasicCredential(credential) : IsBearerCredential(credential);
            if (plausible)
            {
                Add(text, m.Index + offset, credential.Length, ref found);
            }
        }
    }

    private void CollectUrlPasswords(string text, ref List<SecretRange>? found)
    {
        foreach (ValueMatch m in SecretPatterns.UrlCredentials().EnumerateMatches(text))
        {
            ReadOnlySpan<char> match = text.AsSpan(m.Index, m.Length);
            int colon = match[3..].IndexOf(':') + 3; // after "://"; user names cannot hold ':'
            int start = m.Index + colon + 1;
            Add(text, start, m.Index + m.Length - 1 - start, ref found);
        }
    }

    private void Add(string text, int start, int length, ref List<SecretRange>? found)
    {
        if (length <= 0 || (_replacement.Length > 0 && text.AsSpan(start, length).SequenceEqual(_replacement)))
        {
            return;
        }

        (found ??= []).Add(new SecretRange(start, length));
    }

    // Prose such as "Bearer tokens" must survive: a credential has a digit or symbol, or is long.
    private static bool IsBearerCredential(ReadOnlySpan<char> credential) =>
        credential.Length >= 8 && (credential.Length >= 24 || credential.ContainsAnyExcept(AsciiLetters));

    private static readonly SearchValues<char> AsciiLetters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    // Basic credentials are base64("user:password"): "Basic configuration" never decodes to that.
    private static bool IsBasicCredential(ReadOnlySpan<char> base64)
    {
        if (base64.Length % 4 != 0)
        {
            return false;
        }

        int maxBytes = base64.Length / 4 * 3;
        byte[]? rented = null;
        Span<byte> buffer = maxBytes <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            return Convert.TryFromBase64Chars(base64, buffer, out int written) && buffer[..written].Contains((byte)':');
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private string Apply(string text, List<SecretRange> found)
    {
        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var output = new StringBuilder(text.Length);
        int copied = 0;
        int i = 0;
        while (i < found.Count)
        {
            int start = found[i].Start;
            int end = found[i].End;
            for (i++; i < found.Count && found[i].Start <= end; i++)
            {
                end = Math.Max(end, found[i].End); // overlapping or touching findings become one
            }

            output.Append(text, copied, start - copied).Append(_replacement);
            copied = end;
        }

        return output.Append(text, copied, text.Length - copied).ToString();
    }
}
