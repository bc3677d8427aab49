using Journal.Domain.Memory;
using Journal.Projections.Memory;

namespace Journal.Api.Endpoints.Memory;

/// <summary>Body of <c>POST /v1/memory/items</c>.</summary>
/// <param name="Principal">On whose behalf it is remembered.</param>
/// <param name="Content">Its text (control characters dropped, white space collapsed, secrets redacted).</param>
/// <param name="Channel">A channel, optional.</param>
/// <param name="SessionId">A session, optional.</param>
/// <param name="Source">Where it came from: <c>manual</c> (the default), <c>import</c>, <c>summary</c>, <c>tape:user_message</c>, <c>tape:tool_result</c>.</param>
/// <param name="Tags">Tags, optional.</param>
/// <param name="Confidence">0 to 1 (1 when left out).</param>
/// <param name="TtlSeconds">Time to live, optional.</param>
/// <param name="ItemId">The new item's id; the journal picks one when left out.</param>
public sealed record AddMemoryItemBody(
    string Principal,
    string Content,
    string? Channel = null,
    Guid? SessionId = null,
    string? Source = null,
    IReadOnlyList<string>? Tags = null,
    double? Confidence = null,
    long? TtlSeconds = null,
    Guid? ItemId = null);

/// <summary>Body of <c>PATCH /v1/memory/items/{itemId}</c>: what is left out stays.</summary>
/// <param name="Tags">The new tags (replacing the old ones).</param>
/// <param name="Confidence">The new confidence.</param>
public sealed record UpdateMemoryItemBody(IReadOnlyList<string>? Tags = null, double? Confidence = null);

/// <summary>Body of <c>POST /v1/memory/purge</c>.</summary>
/// <param name="Principal">Whose memory.</param>
/// <param name="Channel">Only this channel, optional.</param>
/// <param name="SessionId">Only this session, optional.</param>
public sealed record PurgeMemoryBody(string Principal, string? Channel = null, Guid? SessionId = null)
{
    /// <summary>The scope named.</summary>
    public MemoryScope Scope => new(Principal, Channel, SessionId);
}

/// <summary>Body of <c>POST /v1/memory/recall</c>.</summary>
/// <param name="Text">What to recall.</param>
/// <param name="Principal">Whose memory.</param>
/// <param name="Channel">Only this channel, optional.</param>
/// <param name="SessionId">Only this session, optional.</param>
/// <param name="Limit">How many hits, 1 to 100 (10 when left out).</param>
/// <param name="Tags">Only items with every one of these tags.</param>
/// <param name="Sources">Only items from one of these sources.</param>
/// <param name="Weights">Weights of this recall's score parts, when not the configured ones.</param>
/// <param name="MinPosition">A tape position the answer must reflect (read-your-writes).</param>
public sealed record RecallMemoryBody(
    string Text,
    string Principal,
    string? Channel = null,
    Guid? SessionId = null,
    int? Limit = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? Sources = null,
    MemoryRecallWeights? Weights = null,
    long? MinPosition = null);
