using System.Globalization;

namespace Journal.Reliability.Tests.Support;

/// <summary>
/// The seed of a randomised test: <c>RELIABILITY_SEED</c> when set (to replay a failing run), a fresh one
/// otherwise; the test logs it either way.
/// </summary>
public static class Seeds
{
    public static int Next(ITestOutputHelper output, string test)
    {
        var configured = Environment.GetEnvironmentVariable("RELIABILITY_SEED");
        var seed = configured is not null ? int.Parse(configured, CultureInfo.InvariantCulture) : Random.Shared.Next();
        output.WriteLine($"{test}: seed {seed} (replay with RELIABILITY_SEED={seed})");
        return seed;
    }

    /// <summary>An integer setting from the environment (for longer runs), or its default.</summary>
    public static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
