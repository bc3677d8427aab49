using Journal.Domain.Retention;
using Journal.Domain.Tape;
using Journal.EventStore.Erasure;

namespace Journal.EventStore.Retention;

/// <summary>
/// Tape retention by policy: reads the tape once, and erases (never deletes) the payloads that a rule
/// matches and that are older than its age, except on streams under legal hold and except the
/// journal's own records (erasures and legal holds). Erasure goes through
/// <see cref="IEventStore.ErasePayloadsAsync"/>, so each batch is recorded by an erasure event naming
/// the rule, and the chain still verifies.
/// </summary>
public static class TapeRetention
{
    private const int ErasureBatch = 10_000;

    /// <summary>Applies <paramref name="rules"/> as of <paramref name="now"/>.</summary>
    /// <remarks>When several rules match an event, the one keeping it longest applies.</remarks>
    public static async Task<RetentionReport> RunAsync(IEventStore tape, IReadOnlyList<RetentionRule> rules, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var rule in rules)
        {
            rule.Validate();
        }

        var holds = new Dictionary<string, bool>(StringComparer.Ordinal);
        var candidates = new List<(long Seq, string Stream, int Rule)>();
        var nowMs = now.ToUnixTimeMilliseconds();
        long scanned = 0;
        await foreach (var recorded in tape.ReadAllAsync(1, ct).ConfigureAwait(false))
        {
            scanned++;
            var category = Category(recorded.StreamId);
            if (category == LegalHoldDecider.Category)
            {
                holds[recorded.StreamId[(LegalHoldDecider.Category.Length + 1)..]] = recorded.EventType == "journal.legal_hold_placed.v1";
                continue;
            }

            if (recorded.IsErased || recorded.StreamId == PayloadsErased.Stream.Value)
            {
                continue;
            }

            var chosen = -1;
            for (var i = 0; i < rules.Count; i++)
            {
                if (rules[i].Matches(recorded.EventType, category) && (chosen < 0 || rules[i].Days > rules[chosen].Days))
                {
                    chosen = i;
                }
            }

            if (chosen >= 0 && recorded.RecordedAt < nowMs - (rules[chosen].Days * 86_400_000L))
            {
                candidates.Add((recorded.Seq, recorded.StreamId, chosen));
            }
        }

        var held = holds.Where(h => h.Value).Select(h => h.Key).Order(StringComparer.Ordinal).ToList();
        var heldSet = held.ToHashSet(StringComparer.Ordinal);
        var erasable = candidates.Where(c => !heldSet.Contains(c.Stream)).ToList();
        var positions = new List<long>();
        var erasedSeqs = new List<long>();
        var perRule = new long[rules.Count];
        foreach (var group in erasable.GroupBy(c => c.Rule))
        {
            foreach (var chunk in group.Chunk(ErasureBatch))
            {
                var result = await tape.ErasePayloadsAsync(
                    chunk.Select(c => c.Seq).ToList(),
                    $"retention: {rules[group.Key]}",
                    new EventMetadata(Actor: "retention"),
                    ct).ConfigureAwait(false);
                positions.Add(result.Position);
                erasedSeqs.AddRange(result.Erased);
                perRule[group.Key] += result.Erased.Count;
            }
        }

        erasedSeqs.Sort();
        return new RetentionReport(
            now,
            scanned,
            erasedSeqs.Count,
            erasedSeqs,
            rules.Select((r, i) => new RetentionRuleResult(r.ToString(), perRule[i])).ToList(),
            held,
            candidates.Count - erasable.Count,
            positions);
    }

    private static string Category(string stream)
    {
        var dash = stream.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? stream[..dash] : stream;
    }
}
