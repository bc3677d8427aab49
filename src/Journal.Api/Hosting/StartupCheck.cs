using Journal.Api.Endpoints.Admin;
using Journal.EventStore.Ports;
using Journal.EventStore.Storage;
using Journal.EventStore.Verification.Start;

namespace Journal.Api.Hosting;

/// <summary>
/// Checks the tape before the service answers anything. When the verified mark matches the tape (same journal, same
/// file, the remembered hash still at its seq), only the positions after it are verified, chained from that hash,
/// with a bounded structural check of the file's end: the time does not grow with the tape. Otherwise (no mark, or
/// a replaced or rewritten tape, which is logged) SQLite's check of the whole file and the whole chain run, as
/// docs/hash-chain.md specifies. The whole check runs later in the background either way
/// (<see cref="Operations.FullVerificationJob"/>). A damaged file stops the service; a broken chain stops it too
/// unless <see cref="JournalSettings.StartWithBrokenTape"/> is set, and then the health report names the position.
/// </summary>
internal static class StartupCheck
{
    /// <exception cref="StorageException">The file is damaged, or the chain is broken and the service may not start with it.</exception>
    public static void Run(WebApplication app, JournalSettings settings)
    {
        var path = app.Services.GetRequiredService<ITapeInspection>().Location;
        var marks = app.Services.GetRequiredService<VerifiedMarks>();
        var mark = marks.Read();
        var check = StartVerification.RunAsync(app.Services.GetRequiredService<ITapeVerification>(), marks.JournalId, marks.FileIdentity, mark, CancellationToken.None).GetAwaiter().GetResult();
        var scope = check.Scope == StartCheck.Tail ? $" (verified from the mark at seq {check.MarkSeq})" : string.Empty;
        if (check.Reason is { } reason && mark is not null)
        {
            app.Logger.LogWarning("The verified mark does not match the tape {Path}: {Reason}; the whole tape was checked", path, reason);
        }

        if (check.FileProblems.Count > 0)
        {
            throw new StorageException($"the tape file '{path}' is damaged{scope}: {string.Join("; ", check.FileProblems.Take(3))}", null, StorageException.Corrupt);
        }

        // The report is remembered, so the health report shows it without verifying again.
        var verified = app.Services.GetRequiredService<LastVerification>().RecordStart(check);
        if (verified.Report.FirstMismatch is not { } mismatch)
        {
            app.Logger.LogInformation("Tape {Path} verified ({Scope}{Since}): {Events} events, head {Head}", path, check.Scope, scope, verified.Report.EventsChecked, verified.Report.HeadSeq);
            return;
        }

        var message = $"the tape file '{path}' does not verify{scope}: broken at seq {mismatch.Seq}: {mismatch.Code}";
        if (!settings.StartWithBrokenTape)
        {
            throw new StorageException(message + " (set Journal:StartWithBrokenTape=true to start anyway and inspect it)", null, StorageException.Corrupt);
        }

        app.Logger.LogError("{Message}; starting anyway (Journal:StartWithBrokenTape): the health report shows it", message);
    }
}
