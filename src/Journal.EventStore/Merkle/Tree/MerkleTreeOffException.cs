namespace Journal.EventStore.Merkle.Tree;

/// <summary>The tape's Merkle tree was asked for while it is turned off (<see cref="JournalStoreOptions.MerkleTree"/>, which only an in-process host sets).</summary>
public sealed class MerkleTreeOffException : InvalidOperationException
{
    /// <summary>The stable problem type of this error.</summary>
    public const string Code = "merkle.tree_off";

    /// <summary>The error with the message every caller sees.</summary>
    public MerkleTreeOffException()
        : base("the tape's Merkle tree is turned off (JournalStoreOptions.MerkleTree): no tree heads or proofs are served")
    {
    }

    /// <summary>The error with another message.</summary>
    public MerkleTreeOffException(string message)
        : base(message)
    {
    }

    /// <summary>The error with another message and its cause.</summary>
    public MerkleTreeOffException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
