namespace Journal.Domain.Cron.Schedules;

/// <summary>
/// Reads the cron dialect described in <c>docs/cron.md</c>. Every failure comes back as a reason that
/// names the field and the offending token; nothing here throws on malformed input.
/// </summary>
internal static class CronParser
{
    /// <summary>Longest expression accepted; real expressions are a few dozen characters.</summary>
    public const int MaxLength = 512;

    private const string FieldList = "minute hour day-of-month month day-of-week";

    private static readonly (string Name, string Expansion)[] Macros =
    [
        ("@yearly", "0 0 1 1 *"),
        ("@annually", "0 0 1 1 *"),
        ("@monthly", "0 0 1 * *"),
        ("@weekly", "0 0 * * 0"),
        ("@daily", "0 0 * * *"),
        ("@midnight", "0 0 * * *"),
        ("@hourly", "0 * * * *"),
    ];

    public static CronExpression? Parse(string? text, out string? error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"the expression is empty; expected 5 fields ({FieldList}) or a macro such as @daily";
            return null;
        }

        if (text.Length > MaxLength)
        {
            error = $"the expression is {text.Length} characters long, over the limit of {MaxLength}";
            return null;
        }

        string trimmed = text.Trim();
        if (trimmed.StartsWith('@'))
            return ParseMacro(trimmed, out error);

        string[] parts = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            error = $"expected 5 fields ({FieldList}), found {parts.Length} in '{trimmed}'";
            return null;
        }

        var bits = new ulong[5];
        var star = new bool[5];
        for (int i = 0; i < 5; i++)
        {
            if (!TryParseField((CronField)i, parts[i], out bits[i], out star[i], out error))
                return null;
        }

        error = null;
        return new CronExpression(bits[0], bits[1], bits[2], bits[3], bits[4], star[2], star[4], wildcard: star[0] || star[1]);
    }

    private static CronExpression? ParseMacro(string text, out string? error)
    {
        foreach ((string name, string expansion) in Macros)
        {
            if (text.Equals(name, StringComparison.OrdinalIgnoreCase))
                return Parse(expansion, out error);
        }

        error = text.Equals("@reboot", StringComparison.OrdinalIgnoreCase)
            ? "'@reboot' is not supported: jobs are scheduled by time only"
            : $"unknown macro '{text}'; expected one of @yearly @annually @monthly @weekly @daily @midnight @hourly";
        return null;
    }

    private static bool TryParseField(CronField field, string text, out ulong bits, out bool star, out string? error)
    {
        bits = 0;
        star = text.StartsWith('*');
        string[] items = text.Split(',');
        foreach (string item in items)
        {
            string? reason = ParseItem(field, item, items.Length, ref bits);
            if (reason is not null)
            {
                error = $"{CronFields.Display(field)} field '{text}': {reason}";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>Adds one list item (<c>*</c>, <c>a</c>, <c>a-b</c>, each with an optional <c>/step</c>) to the bit set.</summary>
    private static string? ParseItem(CronField field, string item, int itemCount, ref ulong bits)
    {
        if (item.Length == 0)
            return "empty list item (two commas in a row, or a comma at an end)";

        int min = CronFields.Min(field);
        int max = CronFields.Max(field);
        int size = CronFields.MaxStored(field) - min + 1;

        string rangePart = item;
        int step = 1;
        bool hasStep = false;
        int slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            rangePart = item[..slash];
            string stepText = item[(slash + 1)..];
            if (stepText.Length == 0)
                return $"'{item}' has no step after '/'";
            if (!TryReadNumber(stepText, out step))
                return $"step '{stepText}' in '{item}' is not a whole number";
            if (step < 1)
                return $"step '{stepText}' in '{item}' must be at least 1";
            if (step > size)
                return $"step '{stepText}' in '{item}' is larger than the {size} values of the field";
            hasStep = true;
            if (rangePart.Length == 0)
                return $"'{item}' has no range before '/'";
        }

        int from;
        int to;
        if (rangePart == "*")
        {
            if (itemCount > 1)
                return "'*' must stand alone in its field, not in a list";
            from = min;
            to = CronFields.MaxStored(field);
        }
        else if (rangePart.Contains('*', StringComparison.Ordinal))
        {
            return $"'{item}': '*' must stand alone, as '*' or '*/step'";
        }
        else
        {
            int dash = rangePart.IndexOf('-', StringComparison.Ordinal);
            if (dash >= 0)
            {
                string low = rangePart[..dash];
                string high = rangePart[(dash + 1)..];
                if (high.Contains('-', StringComparison.Ordinal))
                    return $"range '{rangePart}' has more than one '-'";
                if (low.Length == 0 || high.Length == 0)
                    return $"range '{rangePart}' is missing a bound";
                string? reason = ReadValue(field, low, out from);
                if (reason is not null)
                    return reason;
                reason = ReadValue(field, high, out to);
                if (reason is not null)
                    return reason;
                if (from > to)
                    return $"range '{rangePart}' goes backwards; ranges do not wrap around (write it as two items)";
            }
            else
            {
                string? reason = ReadValue(field, rangePart, out from);
                if (reason is not null)
                    return reason;
                // a/n runs to the end of the field; for day-of-week that is Saturday, as for '*'.
                to = hasStep ? CronFields.MaxStored(field) : from;
            }
        }

        for (int v = from; v <= to; v += step)
            bits |= 1UL << (field == CronField.DayOfWeek && v == 7 ? 0 : v);

        return null;
    }

    private static string? ReadValue(CronField field, string token, out int value)
    {
        int min = CronFields.Min(field);
        int max = CronFields.Max(field);
        if (TryReadNumber(token, out value))
        {
            return value < min || value > max
                ? $"value '{token}' is out of range {min}-{max}"
                : null;
        }

        if (token.All(char.IsAsciiDigit))
            return $"value '{token}' is out of range {min}-{max}";

        value = CronFields.NameValue(field, token);
        if (value >= 0)
            return null;

        return field switch
        {
            CronField.Month => $"'{token}' is neither a number 1-12 nor a month name JAN-DEC",
            CronField.DayOfWeek => $"'{token}' is neither a number 0-7 nor a weekday name SUN-SAT",
            _ => $"'{token}' is not a number {min}-{max}",
        };
    }

    /// <summary>Reads ASCII digits only (no sign, no spaces); long runs of digits are simply out of range.</summary>
    private static bool TryReadNumber(string token, out int value)
    {
        value = 0;
        if (token.Length is 0 or > 4)
            return false;
        foreach (char c in token)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
