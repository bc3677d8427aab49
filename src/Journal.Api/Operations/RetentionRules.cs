using System.Globalization;
using Journal.Api.Hosting;
using Journal.EventStore.Retention;

namespace Journal.Api.Operations;

/// <summary>Reads <c>Journal:Retention:Rules:N:{EventType,StreamCategory,Days}</c>.</summary>
internal static class RetentionRules
{
    /// <exception cref="ConfigurationException">A rule has no selector or a bad age.</exception>
    public static IReadOnlyList<RetentionRule> Read(IConfigurationSection section)
    {
        var rules = new List<RetentionRule>();
        foreach (var child in section.GetChildren())
        {
            var key = $"Journal:Retention:Rules:{child.Key}";
            if (!int.TryParse(child["Days"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var days))
            {
                throw new ConfigurationException(key + ":Days", $"must be a whole number of days, got '{child["Days"]}'");
            }

            var rule = new RetentionRule(Blank(child["EventType"]), Blank(child["StreamCategory"]), days);
            try
            {
                rule.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new ConfigurationException(key, ex.Message);
            }

            rules.Add(rule);
        }

        return rules;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
