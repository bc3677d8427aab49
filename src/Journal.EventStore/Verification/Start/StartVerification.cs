using System.Globalization;
using Journal.EventStore.Ports;

namespace Journal.EventStore.Verification.Start;

/// <summary>
/// The start-up check in constant time: when the verified mark matches the tape (same journal, same file, the row
/// at the mark's seq still holds the remembered hash), only the positions after it are verified, chained from that
/// hash, plus a bounded structural check of the file's end. Without a mark, or with one that does not match, the
/// whole file and chain are checked, as before marks existed, and the reason is reported.
/// </summary>
public static class StartVerification
{
    /// <summary>Rows at the tape's end that the bounded structural check reads through each index.</summary>
    public const int TailRows = 1000;

    /// <summary>Checks the tape as a start does.</summary>
    /// <param name="journalId">The tape's journal id.</param>
    /// <param name="fileIdentity">The tape file's identity (<see cref="TapeFileIdentity"/>); null when it has none.</param>
    /// <param name="mark">The remembered mark; null when none.</param>
    public static async Task<StartCheck> RunAsync(ITapeVerification tape, Guid journalId, string? fileIdentity, VerifiedMark? mark, CancellationToken ct)
    {
        var mismatch = await MismatchAsync(tape, journalId, fileIdentity, mark, ct).ConfigureAwait(false);
        if (mismatch is not null)
        {
            var problems = await tape.CheckFileAsync(ct).ConfigureAwait(false);
            var full = await tape.VerifyAsync(1, null, ct).ConfigureAwait(false);
            return new StartCheck(StartCheck.Full, mismatch, full, problems, null);
        }

        var tail = await tape.CheckTailAsync(TailRows, ct).ConfigureAwait(false);
        var report = await tape.VerifyAsync(mark!.Seq + 1, null, ct).ConfigureAwait(false);
        return new StartCheck(StartCheck.Tail, null, report, tail, mark.Seq);
    }

    /// <summary>
    /// The bounded check of the <c>health</c> verb, which never verifies the whole chain: the positions after a
    /// matching mark when at most <paramref name="rows"/> came after it, otherwise the last <paramref name="rows"/>
    /// rows chained from the stored hash before them, plus the structural check of the file's end.
    /// </summary>
    /// <param name="headSeq">The tape's head position.</param>
    public static async Task<StartCheck> RecentAsync(ITapeVerification tape, Guid journalId, string? fileIdentity, VerifiedMark? mark, long headSeq, int rows, CancellationToken ct)
    {
        var mismatch = await MismatchAsync(tape, journalId, fileIdentity, mark, ct).ConfigureAwait(false);
        var fromMark = mismatch is null && headSeq - mark!.Seq <= rows;
        var from = fromMark ? mark!.Seq + 1 : Math.Max(1, headSeq - rows + 1);
        var tail = await tape.CheckTailAsync(TailRows, ct).ConfigureAwait(false);
        var report = await tape.VerifyAsync(from, null, ct).ConfigureAwait(false);
        return new StartCheck(StartCheck.Tail, mismatch, report, tail, fromMark ? mark!.Seq : null);
    }

    /// <summary>Why <paramref name="mark"/> does not apply to this tape; null when it does.</summary>
    public static async Task<string?> MismatchAsync(ITapeVerification tape, Guid journalId, string? fileIdentity, VerifiedMark? mark, CancellationToken ct)
    {
        if (mark is null)
        {
            return "no verified mark";
        }

        if (mark.JournalId != journalId)
        {
            return $"the verified mark is of journal {mark.JournalId}, the tape is journal {journalId}: the tape was replaced";
        }

        if (mark.FileIdentity is not null && fileIdentity is not null && !string.Equals(mark.FileIdentity, fileIdentity, StringComparison.Ordinal))
        {
            return "the tape file is not the one the verified mark was written for: it was replaced or restored";
        }

        if (mark.Seq == 0)
        {
            return null;
        }

        var seq = mark.Seq.ToString(CultureInfo.InvariantCulture);
        var stored = await tape.ReadHashAtAsync(mark.Seq, ct).ConfigureAwait(false);
        if (stored is null)
        {
            return $"the tape has no row at the verified mark's seq {seq}: it was cut or replaced";
        }

        return string.Equals(Convert.ToHexStringLower(stored), mark.Hash, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"the row at the verified mark's seq {seq} holds another hash than the one verified: the tape was rewritten or replaced";
    }
}
