using Journal.Api.Endpoints.Admin;
using Journal.EventStore.Ports;
using Journal.EventStore.Storage;

namespace Journal.Api.Hosting;

/// <summary>
/// Checks the tape before the service answers anything: SQLite's structural check of the file, then every
/// row as docs/hash-chain.md specifies (positions, storage classes, links, digests, hashes, stream versions,
/// erasure records). A damaged file stops the service; a broken chain stops it too unless
/// <see cref="JournalSettings.StartWithBrokenTape"/> is set, and then the health report names the position.
/// </summary>
internal static class StartupCheck
{
    /// <exception cref="StorageException">The file is damaged, or the chain is broken and the service may not start with it.</exception>
    public static void Run(WebApplication app, JournalSettings settings)
    {
        var path = app.Services.GetRequiredService<ITapeInspection>().Location;
        var problems = app.Services.GetRequiredService<ITapeVerification>().CheckFileAsync().GetAwaiter().GetResult();
        if (problems.Count > 0)
        {
            throw new StorageException($"the tape file '{path}' is damaged: {string.Join("; ", problems.Take(3))}", null, StorageException.Corrupt);
        }

        // The report is remembered, so the health report shows it without verifying again.
        var verified = app.Services.GetRequiredService<LastVerification>().RunAsync(1, null, CancellationToken.None).GetAwaiter().GetResult();
        if (verified.Report.FirstMismatch is not { } mismatch)
        {
            app.Logger.LogInformation("Tape {Path} verified: {Events} events, head {Head}", path, verified.Report.EventsChecked, verified.Report.HeadSeq);
            return;
        }

        var message = $"the tape file '{path}' does not verify: broken at seq {mismatch.Seq}: {mismatch.Code}";
        if (!settings.StartWithBrokenTape)
        {
            throw new StorageException(message + " (set Journal:StartWithBrokenTape=true to start anyway and inspect it)", null, StorageException.Corrupt);
        }

        app.Logger.LogError("{Message}; starting anyway (Journal:StartWithBrokenTape): the health report shows it", message);
    }
}
