using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using Journal.Domain.Tape;

namespace Journal.Domain.Workspace;

/// <summary>
/// Normal form of a workspace path: relative, <c>/</c>-separated, without empty or <c>.</c>
/// segments, never <c>..</c>. Two spellings of one place (<c>a//b</c>, <c>./a/b</c>, <c>a\b</c>)
/// normalize to one string, so the one-document-per-path claim cannot be dodged. Case is kept:
/// paths are case-sensitive.
/// </summary>
public static class WorkspacePath
{
    /// <summary>Normalizes <paramref name="path"/>, or refuses it naming <paramref name="field"/>.</summary>
    /// <exception cref="ValidationException">Empty, absolute, with <c>..</c>, a control character, or too long.</exception>
    public static string Normalize(string? path, string field)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ValidationException(field, "must not be empty");
        }

        if (path.Length > WorkspaceLimits.PathMaxLength * 4)
        {
            throw new ValidationException(field, $"must be at most {WorkspaceLimits.PathMaxLength} characters");
        }

        foreach (var c in path)
        {
            if (char.IsControl(c))
            {
                throw new ValidationException(field, "must not contain control characters");
            }
        }

        var slashed = path.Replace('\\', '/');
        if (slashed[0] == '/')
        {
            throw new ValidationException(field, "must be relative (no leading /)");
        }

        if (slashed.Length >= 2 && slashed[1] == ':' && char.IsAsciiLetter(slashed[0]))
        {
            throw new ValidationException(field, "must be relative (no drive letter)");
        }

        var segments = new List<string>();
        foreach (var segment in slashed.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                throw new ValidationException(field, "must not contain ..");
            }

            segments.Add(segment);
        }

        if (segments.Count == 0)
        {
            throw new ValidationException(field, "must name a document");
        }

        var normal = string.Join('/', segments);
        if (normal.Length > WorkspaceLimits.PathMaxLength)
        {
            throw new ValidationException(field, $"must be at most {WorkspaceLimits.PathMaxLength} characters");
        }

        return normal;
    }

    /// <summary>
    /// The stream of a path's claim: <c>workspacepath-{sha256 hex of the normalized path}</c> (normalized here, idempotently). Hashing
    /// keeps any path inside the stream-name character set and length.
    /// </summary>
    /// <exception cref="ValidationException">The path is invalid.</exception>
    public static StreamId ClaimStreamFor(string path) => StreamId.For("workspacepath", Sha256Hex.Of(Normalize(path, nameof(path))));
}
