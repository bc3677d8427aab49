namespace Journal.EventStore.Verification.Start;

/// <summary>
/// The last position whose chain was verified, remembered so that the next start verifies only what came after it.
/// </summary>
/// <param name="JournalId">The journal the mark belongs to (a mark never applies to another tape).</param>
/// <param name="FileIdentity">The tape file's device and inode when it is a SQLite file (<see cref="TapeFileIdentity"/>); null otherwise.</param>
/// <param name="Seq">The last verified position (0 for an empty tape).</param>
/// <param name="Hash">Its stored hash, hex.</param>
/// <param name="At">When that verification ran.</param>
/// <param name="FullAt">When the whole chain was last verified (from 1); null when only tails were verified since the mark was first written.</param>
/// <param name="FullSeq">The head that full verification reached.</param>
public sealed record VerifiedMark(Guid JournalId, string? FileIdentity, long Seq, string Hash, DateTimeOffset At, DateTimeOffset? FullAt, long FullSeq);
