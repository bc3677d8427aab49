using Journal.Domain.Errors;

namespace Journal.Domain.Canvas.Patching;

/// <summary>
/// A JSON Patch that cannot be applied. Names the failing operation by its zero-based index and its
/// <c>op</c>, so a client can point at it; nothing of the patch was applied.
/// </summary>
/// <remarks>Codes: <c>json_patch.malformed</c>, <c>json_patch.unresolvable</c>, <c>json_patch.test_failed</c>.</remarks>
public sealed class JsonPatchException : JournalException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operationIndex">Zero-based index of the failing operation.</param>
    /// <param name="op">Its <c>op</c> (empty when it had none).</param>
    /// <param name="error">What kind of failure.</param>
    /// <param name="reason">What went wrong, without the operation's name (it is prefixed here).</param>
    public JsonPatchException(int operationIndex, string op, JsonPatchError error, string reason)
        : base(CodeOf(error), $"operation {operationIndex} ({(op.Length == 0 ? "no op" : op)}): {reason}")
    {
        OperationIndex = operationIndex;
        Op = op;
        Error = error;
        Reason = reason;
    }

    /// <summary>Zero-based index of the failing operation in the patch.</summary>
    public int OperationIndex { get; }

    /// <summary>The failing operation's <c>op</c>; empty when it had none.</summary>
    public string Op { get; }

    /// <summary>What kind of failure.</summary>
    public JsonPatchError Error { get; }

    /// <summary>What went wrong.</summary>
    public string Reason { get; }

    private static string CodeOf(JsonPatchError error) => error switch
    {
        JsonPatchError.Malformed => "json_patch.malformed",
        JsonPatchError.TestFailed => "json_patch.test_failed",
        _ => "json_patch.unresolvable",
    };
}
