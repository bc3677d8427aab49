namespace Journal.Projections.Querying;

/// <summary>One page of a listing, with the opaque cursor of the next page (null at the end).</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Items">The rows of this page.</param>
/// <param name="NextCursor">Pass it back as <c>cursor</c> to get the next page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
