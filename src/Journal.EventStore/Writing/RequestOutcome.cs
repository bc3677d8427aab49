using Journal.Domain.Errors;
using Journal.Domain.Tape;

namespace Journal.EventStore.Writing;

/// <summary>
/// What one request of a group came to: its result or the error that refused it. Kept until the group's
/// transaction has ended, then handed to the request's caller.
/// </summary>
internal readonly record struct RequestOutcome(object? Result, JournalException? Error)
{
    public void Complete(WriteRequest request)
    {
        switch (request)
        {
            case AppendRequest append when Error is null:
                append.Completion.TrySetResult((IReadOnlyList<AppendResult>)Result!);
                break;
            case EraseRequest erase when Error is null:
                erase.Completion.TrySetResult((ErasureResult)Result!);
                break;
            default:
                request.Fail(Error!);
                break;
        }
    }
}
