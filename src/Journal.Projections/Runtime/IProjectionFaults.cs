namespace Journal.Projections.Runtime;

/// <summary>
/// A seam for fault-injection tests: called after a batch was applied and before its transaction
/// commits. Throwing there is a crash between applying and checkpointing.
/// </summary>
public interface IProjectionFaults
{
    /// <summary>Called before the commit of the batch ending at <paramref name="lastSeq"/>.</summary>
    void BeforeCommit(long lastSeq);
}
