namespace Journal.Domain.Tests.Deciding;

internal static class Moments
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset T1 = T0.AddMinutes(1);
    public static readonly DateTimeOffset T2 = T0.AddMinutes(2);
    public static readonly DateTimeOffset T3 = T0.AddMinutes(3);
}
