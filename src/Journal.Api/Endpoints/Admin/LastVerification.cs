using Journal.EventStore.Ports;
using Journal.EventStore.Verification;
using Journal.EventStore.Verification.Start;

namespace Journal.Api.Endpoints.Admin;

/// <summary>
/// Runs chain verification and remembers the last report, for the health report; a verification of the whole chain
/// that holds moves the verified mark (<see cref="VerifiedMarks"/>), so the next start checks only what came after.
/// </summary>
public sealed class LastVerification(ITapeVerification tape, TimeProvider time, Operations.OperationsMetrics? metrics = null, VerifiedMarks? marks = null) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private VerifiedAt? _last;
    private StartVerifiedAt? _start;
    private FullVerification? _full;

    /// <summary>The last report and when it was made; null before the first verification.</summary>
    public VerifiedAt? Last => Volatile.Read(ref _last);

    /// <summary>What the start verified (the tail from the mark, or everything) and when; null before it ran.</summary>
    public StartVerifiedAt? Start => Volatile.Read(ref _start);

    /// <summary>
    /// The last verification of the whole file and chain this process ran (at start or in the background), or else
    /// the one the mark remembers from an earlier run; null when none is known.
    /// </summary>
    public FullVerification? LastFull => Volatile.Read(ref _full) ?? FromMark();

    /// <summary>Verifies <paramref name="from"/>..<paramref name="to"/> (one verification at a time) and remembers the report.</summary>
    public async Task<VerifiedAt> RunAsync(long from, long? to, CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            var report = await tape.VerifyAsync(from, to, ct);
            return Keep(report, full: from <= 1);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>The background check: SQLite's (or the schema's) check of the whole storage, then the whole chain.</summary>
    public async Task<FullVerification> RunFullAsync(CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            var problems = await tape.CheckFileAsync(ct);
            var report = await tape.VerifyAsync(1, null, ct);
            var verified = Keep(report, full: problems.Count == 0);
            var full = new FullVerification(verified.At, report.IsIntact && problems.Count == 0, report.HeadSeq, report.FirstMismatch, problems);
            Volatile.Write(ref _full, full);
            return full;
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Remembers what the start checked, and moves the mark when it held.</summary>
    public VerifiedAt RecordStart(StartCheck check)
    {
        var verified = Keep(check.Report, full: check.Scope == StartCheck.Full && check.FileProblems.Count == 0, remember: check.FileProblems.Count == 0);
        Volatile.Write(ref _start, new StartVerifiedAt(check.Scope, check.Reason, check.MarkSeq, check.Report.From, check.Report.To, check.Report.EventsChecked, check.FileProblems, verified.At));
        if (check.Scope == StartCheck.Full)
        {
            Volatile.Write(ref _full, new FullVerification(verified.At, check.IsSound, check.Report.HeadSeq, check.Report.FirstMismatch, check.FileProblems));
        }

        return verified;
    }

    /// <inheritdoc />
    public void Dispose() => _one.Dispose();

    private VerifiedAt Keep(VerificationReport report, bool full, bool remember = true)
    {
        var verified = new VerifiedAt(report, time.GetUtcNow());
        metrics?.RecordVerification(report.IsIntact, report.ElapsedMs);
        Volatile.Write(ref _last, verified);
        if (remember)
        {
            marks?.Remember(report, full && report.From <= 1, verified.At);
        }

        return verified;
    }

    private FullVerification? FromMark() =>
        marks?.Read() is { FullAt: { } at } mark && mark.JournalId == marks.JournalId ? new FullVerification(at, true, mark.FullSeq, null, []) : null;
}

/// <summary>A verification report and when it was made.</summary>
/// <param name="At">When.</param>
public sealed record VerifiedAt(VerificationReport Report, DateTimeOffset At);

/// <summary>What the start verified.</summary>
/// <param name="Scope"><c>tail</c> (from the verified mark) or <c>full</c> (the whole file and chain).</param>
/// <param name="Reason">Why everything was checked (no mark, or a mark that does not match the tape); null for a tail.</param>
/// <param name="MarkSeq">The mark the tail was chained from.</param>
/// <param name="From">First position verified.</param>
/// <param name="To">Last position verified.</param>
/// <param name="EventsChecked">Rows verified.</param>
/// <param name="FileProblems">What the storage check found (the file's end for a tail).</param>
/// <param name="At">When.</param>
public sealed record StartVerifiedAt(string Scope, string? Reason, long? MarkSeq, long From, long To, long EventsChecked, IReadOnlyList<string> FileProblems, DateTimeOffset At);

/// <summary>The last verification of the whole storage and chain.</summary>
/// <param name="At">When it ran.</param>
/// <param name="Intact">Whether the chain held and the storage check found nothing.</param>
/// <param name="HeadSeq">The head it reached.</param>
/// <param name="FirstMismatch">The first broken link, when broken.</param>
/// <param name="FileProblems">What the storage check found.</param>
public sealed record FullVerification(DateTimeOffset At, bool Intact, long HeadSeq, ChainMismatch? FirstMismatch, IReadOnlyList<string> FileProblems);
