using Journal.EventStore.Export;
using Journal.EventStore.Inspection;

namespace Journal.Api.Cli;

/// <summary>
/// <c>export --to FILE.db [--db PATH|URI]</c>: copies the whole tape, row by row, into a new owner-only SQLite
/// tape file with the same journal id, then verifies the copy (exit 3 when its chain is broken). An existing
/// file is never replaced (exit 2).
/// </summary>
internal static class ExportToFile
{
    public static async Task<int> RunAsync(CliContext context, TapeLocation location, string targetPath, long from, CancellationToken ct)
    {
        if (from != 1)
        {
            await context.Error.WriteLineAsync("export refused: --from cannot be used with --to; a tape file holds the whole chain from seq 1");
            return ExitCodes.BadInput;
        }

        EventStore.Storage.StoragePaths.Validate(targetPath, "to");
        var target = Path.GetFullPath(targetPath);
        if (location is TapeLocation.SqliteFile file && string.Equals(target, Path.GetFullPath(file.Path), StringComparison.Ordinal))
        {
            await context.Error.WriteLineAsync($"export refused: '{target}' is the tape itself; choose another --to");
            return ExitCodes.BadInput;
        }

        TapeExportResult? result = null;
        await TapeSource.UseAsync(location, async source =>
        {
            result = await SqliteTapeExport.WriteAsync(source, target, TimeProvider.System, ct);
            return ExitCodes.Ok;
        });

        using var copy = TapeInspector.Open(result!.Path);
        var report = await copy.Verifier.VerifyAsync(ct: ct);
        await context.Output.WriteLineAsync($"exported {result.Events} events ({result.ErasedPayloads} erased payloads) of journal {result.JournalId} to {result.Path}: head {result.HeadSeq} {result.HeadHash}, {result.Bytes} bytes");
        await context.Output.WriteLineAsync(report.FirstMismatch is { } m
            ? $"verify: broken at seq {m.Seq}: {m.Code}"
            : $"verify: intact, {report.EventsChecked} events checked");
        return report.IsIntact ? ExitCodes.Ok : ExitCodes.Mismatch;
    }
}
