namespace Journal.EventStore.Retention;

/// <summary>What one rule erased.</summary>
/// <param name="Rule">The rule, as text.</param>
/// <param name="Erased">Payloads it erased in this run.</param>
public sealed record RetentionRuleResult(string Rule, long Erased);

/// <summary>What a tape retention run did.</summary>
/// <param name="At">When it ran.</param>
/// <param name="Scanned">Events read.</param>
/// <param name="Erased">Payloads erased in this run.</param>
/// <param name="ErasedSeqs">Their positions (the erasure event lists them too).</param>
/// <param name="Rules">Per rule.</param>
/// <param name="HeldStreams">Streams on legal hold, left alone.</param>
/// <param name="SkippedHeld">Payloads a rule matched but a legal hold kept.</param>
/// <param name="ErasurePositions">The positions of the <c>journal.payloads_erased.v1</c> events written.</param>
public sealed record RetentionReport(
    DateTimeOffset At,
    long Scanned,
    long Erased,
    IReadOnlyList<long> ErasedSeqs,
    IReadOnlyList<RetentionRuleResult> Rules,
    IReadOnlyList<string> HeldStreams,
    long SkippedHeld,
    IReadOnlyList<long> ErasurePositions);
