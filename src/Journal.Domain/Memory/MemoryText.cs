using System.Text;
using Journal.Domain.Errors;

namespace Journal.Domain.Memory;

/// <summary>The normal forms of memory text and tags.</summary>
public static class MemoryText
{
    /// <summary>
    /// Content as stored: control characters dropped (line breaks and tabs count as white space), every
    /// run of white space one space, no leading or trailing space.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (char.IsControl(c))
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Tags as stored: trimmed, lower case, only <c>a-z 0-9 . _ : -</c>, 1 to
    /// <see cref="MemoryLimits.TagMaxLength"/> characters, duplicates removed, sorted.
    /// </summary>
    /// <exception cref="ValidationException">A tag is empty, too long or has another character; too many tags.</exception>
    public static IReadOnlyList<string> Tags(IEnumerable<string?>? tags, string field = "tags")
    {
        if (tags is null)
        {
            return [];
        }

        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in tags)
        {
            var tag = (raw ?? string.Empty).Trim().ToLowerInvariant();
            if (tag.Length is 0 or > MemoryLimits.TagMaxLength)
            {
                throw new ValidationException(field, $"each tag must have 1 to {MemoryLimits.TagMaxLength} characters");
            }

            foreach (var c in tag)
            {
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or ':' or '-'))
                {
                    throw new ValidationException(field, "a tag may hold only a-z, 0-9 and . _ : -");
                }
            }

            set.Add(tag);
        }

        if (set.Count > MemoryLimits.MaxTags)
        {
            throw new ValidationException(field, $"at most {MemoryLimits.MaxTags} distinct tags");
        }

        return [.. set];
    }

    /// <summary>Normalized tags as events carry them: joined by single spaces (a tag holds no space).</summary>
    public static string Join(IReadOnlyList<string> tags) => string.Join(' ', tags);

    /// <summary>Tags as events carry them, back to a list.</summary>
    public static IReadOnlyList<string> Split(string? tags) => string.IsNullOrEmpty(tags) ? [] : tags.Split(' ');
}
