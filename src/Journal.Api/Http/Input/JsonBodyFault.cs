namespace Journal.Api.Http.Input;

/// <summary>What is wrong with a JSON body and where: the first fault <see cref="JsonBodyCheck"/> finds.</summary>
/// <param name="Code">The problem code: <c>request.malformed_json</c>, <c>request.duplicate_key</c> or <c>request.too_deep</c>.</param>
/// <param name="Path">
/// JSON path of the value at fault (<c>$.state.a[2].b</c>): the repeated key, the too-deep value or the bad
/// string; for a syntax error or a bad key, the object or array it is in (<c>$</c> for the body itself).
/// </param>
/// <param name="Reason">Why, in words, with the position.</param>
/// <param name="Offset">Byte offset from the start of the body (0-based).</param>
/// <param name="Line">Line of that byte (1-based; lines end with LF).</param>
/// <param name="Column">Byte column of that byte in its line (1-based).</param>
public sealed record JsonBodyFault(string Code, string Path, string Reason, long Offset, long Line, long Column);
