using Journal.Domain.Errors;

namespace Journal.Api.Endpoints.Proofs;

/// <summary>Checks of the sizes and positions a proof is asked for, against the tape's head: bad input is a 422, never a 500.</summary>
internal static class ProofInput
{
    /// <summary>The tree size asked for, or the head when none was given.</summary>
    public static long TreeSize(long? asked, long head, string field)
    {
        var size = asked ?? head;
        if (size < 0)
        {
            throw new ValidationException(field, "a tree size is 0 or more");
        }

        return size <= head ? size : throw new ValidationException(field, $"the tape's head is at {head}: a tree size is at most that");
    }

    /// <summary>A position in the tree of <paramref name="treeSize"/> events.</summary>
    public static long Seq(long seq, long treeSize) => seq switch
    {
        < 1 => throw new ValidationException("seq", "positions start at 1"),
        _ when seq > treeSize => throw new ValidationException("seq", $"the tree of {treeSize} events holds positions 1 to {treeSize}"),
        _ => seq,
    };
}
