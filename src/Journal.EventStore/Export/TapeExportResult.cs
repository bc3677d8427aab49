namespace Journal.EventStore.Export;

/// <summary>What <see cref="SqliteTapeExport"/> wrote.</summary>
/// <param name="Path">The new tape file.</param>
/// <param name="JournalId">The journal id it carries (the source's).</param>
/// <param name="Events">Rows copied.</param>
/// <param name="ErasedPayloads">Rows copied with their payload erased.</param>
/// <param name="HeadSeq">The last row's seq (0 for an empty tape).</param>
/// <param name="HeadHash">The last row's hash, hex.</param>
/// <param name="Bytes">Size of the file.</param>
public sealed record TapeExportResult(string Path, Guid JournalId, long Events, long ErasedPayloads, long HeadSeq, string HeadHash, long Bytes);
