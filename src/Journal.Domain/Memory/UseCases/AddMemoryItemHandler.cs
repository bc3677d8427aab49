using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Memory.UseCases;

/// <summary>Stores a memory item in a scope.</summary>
/// <param name="ItemId">The new item's id (a new one when null).</param>
/// <param name="Scope">Where it is stored: a principal, optionally a channel and a session.</param>
/// <param name="Content">Its text; control characters are dropped, white space collapsed, secrets redacted.</param>
/// <param name="Source">Where it came from: <c>manual</c>, <c>import</c>, <c>summary</c>, <c>tape:user_message</c>, <c>tape:tool_result</c>.</param>
/// <param name="Tags">Tags, optional (lower-cased, deduplicated).</param>
/// <param name="Confidence">0 to 1 (1 when null).</param>
/// <param name="TtlSeconds">Time to live, optional.</param>
public sealed record AddMemoryItemRequest(
    Guid? ItemId,
    MemoryScope Scope,
    string Content,
    string Source = MemorySources.Manual,
    IReadOnlyList<string>? Tags = null,
    double? Confidence = null,
    long? TtlSeconds = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>
/// Handles <see cref="AddMemoryItemRequest"/>. The content is redacted before the decider sees it, so
/// the text that is indexed and embedded is the text the tape keeps, never a secret.
/// </summary>
public sealed class AddMemoryItemHandler(IAggregateStore aggregates, ITextRedactor redactor, TimeProvider time) : IRequestHandler<AddMemoryItemRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(AddMemoryItemRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var content = request.Content is null ? string.Empty : redactor.Redact(MemoryText.Normalize(request.Content));
        var command = new AddMemoryItem(request.ItemId ?? Guid.CreateVersion7(now), request.Scope, content, request.Tags, request.Source, request.Confidence ?? 1.0, request.TtlSeconds, now);
        return aggregates.ExecuteAsync(request, MemoryItemDecider.Value, command, cancellationToken);
    }
}
