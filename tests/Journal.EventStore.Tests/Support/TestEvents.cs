using Journal.Domain.Tape;

namespace Journal.EventStore.Tests.Support;

[EventType("test.happened.v1")]
public sealed record Happened(string Text, int Number = 0);

[EventType("test.noted.v1")]
public sealed record Noted(string Note, Dictionary<string, string>? Headers = null);

public static class Events
{
    public static EventData Happened(string text, int number = 0, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), "test.happened.v1", new Happened(text, number));

    public static EventData Noted(string note, Dictionary<string, string>? headers = null, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), "test.noted.v1", new Noted(note, headers));

    public static EventData[] Many(int count, string prefix = "e") =>
        Enumerable.Range(1, count).Select(i => Happened($"{prefix}{i}", i)).ToArray();
}
