namespace Journal.ControlRoom.Shared;

/// <summary>What an action came to, in words a person reads.</summary>
/// <param name="Succeeded">Whether it was done.</param>
/// <param name="Title">The headline: what was done, or the problem's title.</param>
/// <param name="Detail">More words: where it was recorded, or the problem's detail.</param>
/// <param name="Type">The problem's stable <c>type</c>, for a refusal.</param>
public sealed record ActionOutcome(bool Succeeded, string Title, string? Detail = null, string? Type = null);
