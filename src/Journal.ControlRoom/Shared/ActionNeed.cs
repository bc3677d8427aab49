namespace Journal.ControlRoom.Shared;

/// <summary>The role an action of a page needs, as the HTTP endpoint doing the same needs it.</summary>
public enum ActionNeed
{
    /// <summary>Any signed-in person (reads).</summary>
    Reader,

    /// <summary>A writer or an admin (commands).</summary>
    Writer,

    /// <summary>An admin (rebuilds, backups, verifying the chain).</summary>
    Admin,
}
