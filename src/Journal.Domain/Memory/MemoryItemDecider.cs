using System.Globalization;
using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using Journal.Domain.Tape;

namespace Journal.Domain.Memory;

/// <summary>Decides the commands of one memory item. Stream: <c>memory-{itemId}</c>.</summary>
public static class MemoryItemDecider
{
    /// <summary>The stream category of memory items.</summary>
    public const string Category = "memory";

    /// <summary>The stream of one item: <c>memory-{itemId}</c>.</summary>
    public static StreamId StreamFor(Guid itemId) => StreamId.For(Category, itemId.ToString("D", CultureInfo.InvariantCulture));

    /// <summary>The state before the first event.</summary>
    public static MemoryItemState Initial { get; } = new(false, false, Guid.Empty, string.Empty, null, null, string.Empty, 0);

    /// <summary>This decider as a value, for the store's one call per command.</summary>
    public static Decider<MemoryItemCommand, MemoryItemState, IMemoryItemEvent> Value { get; } = new(c => StreamFor(c.ItemId), Initial, Decide, Evolve);

    /// <summary>Decides <paramref name="command"/> against <paramref name="state"/>.</summary>
    /// <exception cref="ValidationException">A field is invalid.</exception>
    /// <exception cref="NotFoundException"><c>memory_item.not_found</c>.</exception>
    /// <exception cref="RuleViolationException"><c>memory.already_exists</c>, <c>memory.forgotten</c>.</exception>
    public static IReadOnlyList<IMemoryItemEvent> Decide(MemoryItemCommand command, MemoryItemState state) => command switch
    {
        AddMemoryItem c => Add(c, state),
        UpdateMemoryItem c => Update(c, Live(state, c.ItemId)),
        ForgetMemoryItem c => Forget(c, Existing(state, c.ItemId)),
        _ => throw new ArgumentException($"unknown memory command {command.GetType().Name}", nameof(command)),
    };

    /// <summary>Applies one event.</summary>
    public static MemoryItemState Evolve(MemoryItemState state, IMemoryItemEvent @event) => @event switch
    {
        MemoryItemAdded e => new MemoryItemState(true, false, e.ItemId, e.Principal, e.Channel, e.SessionId, e.Tags, e.Confidence),
        MemoryItemUpdated e => state with { Tags = e.Tags, Confidence = e.Confidence },
        MemoryItemForgotten => state with { Forgotten = true, Tags = string.Empty },
        _ => state,
    };

    /// <summary>Checks a confidence: a number from 0 to 1.</summary>
    public static double Confidence(double value, string field = "confidence") =>
        double.IsFinite(value) && value is >= 0 and <= 1 ? value : throw new ValidationException(field, "must be a number from 0 to 1");

    private static IMemoryItemEvent[] Add(AddMemoryItem c, MemoryItemState state)
    {
        Require.Id(c.ItemId, "itemId");
        var scope = (c.Scope ?? throw new ValidationException("scope", "is required")).Validated();
        var content = MemoryText.Normalize(c.Content);
        if (content.Length == 0)
        {
            throw new ValidationException("content", "must hold some text");
        }

        if (content.Length > MemoryLimits.ContentMaxLength)
        {
            throw new ValidationException("content", $"must be at most {MemoryLimits.ContentMaxLength} characters");
        }

        var tags = MemoryText.Join(MemoryText.Tags(c.Tags));
        if (!MemorySources.IsKnown(c.Source))
        {
            throw new ValidationException("source", "must be one of " + string.Join(", ", MemorySources.All));
        }

        var confidence = Confidence(c.Confidence);
        if (c.TtlSeconds is { } ttl && ttl is < 1 or > MemoryLimits.MaxTtlSeconds)
        {
            throw new ValidationException("ttlSeconds", $"must be between 1 and {MemoryLimits.MaxTtlSeconds}");
        }

        if (state.Exists)
        {
            throw Refuse.Rule("memory.already_exists", $"memory item {c.ItemId} exists already");
        }

        DateTimeOffset? expiresAt = c.TtlSeconds is { } seconds ? c.At.AddSeconds(seconds) : null;
        return [new MemoryItemAdded(c.ItemId, scope.Principal, scope.Channel, scope.SessionId, content, tags, c.Source, confidence, expiresAt, c.At)];
    }

    private static IMemoryItemEvent[] Update(UpdateMemoryItem c, MemoryItemState state)
    {
        if (c.Tags is null && c.Confidence is null)
        {
            throw new ValidationException("tags", "give tags, a confidence or both");
        }

        var tags = c.Tags is null ? state.Tags : MemoryText.Join(MemoryText.Tags(c.Tags));
        var confidence = c.Confidence is { } value ? Confidence(value) : state.Confidence;
        if (string.Equals(tags, state.Tags, StringComparison.Ordinal) && confidence.Equals(state.Confidence))
        {
            return [];
        }

        return [new MemoryItemUpdated(state.ItemId, state.Principal, tags, confidence, c.At)];
    }

    private static IMemoryItemEvent[] Forget(ForgetMemoryItem c, MemoryItemState state)
    {
        if (!MemoryForgetReasons.IsKnown(c.Reason))
        {
            throw new ValidationException("reason", "is not a known reason to forget");
        }

        return state.Forgotten ? [] : [new MemoryItemForgotten(state.ItemId, state.Principal, c.Reason, c.At)];
    }

    private static MemoryItemState Existing(MemoryItemState state, Guid itemId) =>
        state.Exists ? state : throw Refuse.NotFound("memory_item", itemId);

    private static MemoryItemState Live(MemoryItemState state, Guid itemId) =>
        Existing(state, itemId).Forgotten ? throw Refuse.Rule("memory.forgotten", $"memory item {itemId} was forgotten") : state;
}
