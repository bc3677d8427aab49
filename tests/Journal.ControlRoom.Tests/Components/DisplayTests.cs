using Journal.ControlRoom.Shared;

namespace Journal.ControlRoom.Tests.Components;

public sealed class DisplayTests
{
    [Fact]
    public void Ids_made_in_the_same_minute_stay_told_apart_when_shortened()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => Guid.CreateVersion7()).ToList();

        // Their first eight digits are the time (the old short form): all the same within these milliseconds.
        Assert.True(ids.Select(id => id.ToString("N")[..8]).Distinct().Count() <= 2);
        Assert.Equal(ids.Count, ids.Select(Display.Id).Distinct().Count());
        Assert.All(ids, id => Assert.EndsWith(Display.Id(id)[1..], id.ToString("N"), StringComparison.Ordinal));
    }
}
