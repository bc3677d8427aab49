namespace Journal.ControlRoom.Shared;

/// <summary>
/// Where a keyset-paged listing stands: the cursor of the page shown and of the pages before it, so
/// "previous" goes back without the list query having to page backwards.
/// </summary>
public sealed class CursorTrail
{
    private readonly Stack<string?> _before = new();

    /// <summary>The cursor of the page shown (null: the first page).</summary>
    public string? Current { get; private set; }

    /// <summary>Whether there is a page before this one.</summary>
    public bool HasPrevious => _before.Count > 0;

    /// <summary>Moves to the page that <paramref name="next"/> starts.</summary>
    public void Forward(string next)
    {
        _before.Push(Current);
        Current = next;
    }

    /// <summary>Moves back one page.</summary>
    public void Back() => Current = _before.Count > 0 ? _before.Pop() : null;

    /// <summary>Back to the first page (after the filters change).</summary>
    public void Reset()
    {
        _before.Clear();
        Current = null;
    }
}
