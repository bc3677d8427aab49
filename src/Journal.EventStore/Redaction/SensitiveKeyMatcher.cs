using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Journal.EventStore.Redaction;

/// <summary>
/// Decides whether a key is sensitive by tokenizing it in place (ranges on the stack, no strings) and
/// looking for a sensitive token or token sequence. Immutable and thread-safe.
/// </summary>
internal sealed class SensitiveKeyMatcher
{
    private const int StackTokens = 32;

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Singles =
        SensitiveKeyLists.SingleTokens.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly ImmutableArray<ImmutableArray<string>> _sequences;

    public SensitiveKeyMatcher(IEnumerable<string> extraKeys)
    {
        var builder = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        builder.AddRange(SensitiveKeyLists.TokenSequences);
        var firstTokens = new List<string>();
        foreach (string extra in extraKeys)
        {
            ArgumentNullException.ThrowIfNull(extra, nameof(extraKeys));
            string[] tokens = KeyTokenizer.ToLowerTokens(extra);
            if (tokens.Length > 0)
            {
                builder.Add([.. tokens]);
                firstTokens.Add(tokens[0]);
            }
        }

        _sequences = builder.ToImmutable();
        ExtraFirstTokens = [.. firstTokens];
    }

    /// <summary>The first token of every usable extra key; any match must contain one of them.</summary>
    public ImmutableArray<string> ExtraFirstTokens { get; }

    public bool IsSensitive(ReadOnlySpan<char> key)
    {
        Span<Range> stackRanges = stackalloc Range[StackTokens];
        int count = KeyTokenizer.Tokenize(key, stackRanges);
        if (count <= StackTokens)
        {
            return Matches(key, stackRanges[..count]);
        }

        Range[] rented = ArrayPool<Range>.Shared.Rent(count);
        try
        {
            KeyTokenizer.Tokenize(key, rented);
            return Matches(key, rented.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<Range>.Shared.Return(rented);
        }
    }

    private bool Matches(ReadOnlySpan<char> key, ReadOnlySpan<Range> tokens)
    {
        for (int i = 0; i < tokens.Length; i++)
        {
            if (Singles.Contains(key[tokens[i]]))
            {
                return true;
            }

            foreach (ImmutableArray<string> sequence in _sequences)
            {
                if (StartsSequence(key, tokens, i, sequence))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool StartsSequence(ReadOnlySpan<char> key, ReadOnlySpan<Range> tokens, int at, ImmutableArray<string> sequence)
    {
        if (at + sequence.Length > tokens.Length)
        {
            return false;
        }

        for (int j = 0; j < sequence.Length; j++)
        {
            if (!key[tokens[at + j]].Equals(sequence[j], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
