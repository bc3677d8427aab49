namespace Journal.EventStore.Backup;

/// <summary>What a backup (or a snapshot) wrote.</summary>
/// <param name="Path">Full path of the backup file.</param>
/// <param name="HeadSeq">The last position in the backup.</param>
/// <param name="HeadHash">Its hash, lower-case hex.</param>
/// <param name="Bytes">Size of the backup file.</param>
/// <param name="ElapsedMs">How long it took.</param>
public sealed record BackupResult(string Path, long HeadSeq, string HeadHash, long Bytes, double ElapsedMs);
