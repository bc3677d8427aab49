using Journal.EventStore.Ports;
using Journal.EventStore.Verification;
using Journal.EventStore.Verification.Start;

namespace Journal.Api.Endpoints.Admin;

/// <summary>
/// The service's verified mark (docs/operations.md, "Start-up checks"): a file in the data directory beside the tape,
/// read at start and written after every verification of the chain up to the head that held.
/// </summary>
/// <param name="path">The mark file; null for a tape in memory, which is checked whole at every start.</param>
/// <param name="tapePath">The SQLite tape file whose identity the mark names; null for PostgreSQL.</param>
public sealed class VerifiedMarks(ITapeInspection inspection, string? path, string? tapePath)
{
    /// <summary>The marks of the service configured by <paramref name="settings"/>.</summary>
    public static VerifiedMarks For(ITapeInspection inspection, Hosting.JournalSettings settings) =>
        inspection.IsInMemory ? new VerifiedMarks(inspection, null, null)
        : new VerifiedMarks(inspection, VerifiedMarkFile.Beside(settings.DatabasePath), inspection.Mode == "file" ? inspection.Location : null);

    /// <summary>The tape's journal id.</summary>
    public Guid JournalId => inspection.JournalId;

    /// <summary>The tape file's identity now; null when it has none.</summary>
    public string? FileIdentity => tapePath is null ? null : TapeFileIdentity.Of(tapePath);

    /// <summary>The remembered mark; null when none (or in memory).</summary>
    public VerifiedMark? Read() => path is null ? null : VerifiedMarkFile.Read(path);

    /// <summary>
    /// Remembers that the chain holds up to the head of <paramref name="report"/>; <paramref name="full"/> when it was
    /// verified from position 1. A tail keeps the time of the last full verification from the mark it extends. A mark
    /// never moves back: a verification of the same file that ends before the mark (one that began earlier and
    /// finished later, such as the start's check beside an admin verify) leaves it as it is.
    /// </summary>
    public void Remember(VerificationReport report, bool full, DateTimeOffset at)
    {
        if (path is null || !report.IsIntact || report.To != report.HeadSeq)
        {
            return;
        }

        var current = Read();
        if (current is not null && current.JournalId == JournalId && current.FileIdentity == FileIdentity && current.Seq > report.HeadSeq)
        {
            return;
        }

        var last = full ? null : current;
        var fullAt = full ? at : last?.FullAt;
        var fullSeq = full ? report.HeadSeq : last?.FullSeq ?? 0;
        VerifiedMarkFile.Write(path, new VerifiedMark(JournalId, FileIdentity, report.HeadSeq, report.HeadHash, at, fullAt, fullSeq));
    }
}
