namespace Journal.Domain.Tape;

/// <summary>
/// Names the stable tape type of an event record, such as <c>session.created.v1</c>. The name, never
/// the CLR type name, is what the tape stores; renaming the class does not change the tape.
/// </summary>
/// <param name="name">The stable name: <c>feature.fact.vN</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    /// <summary>The stable name.</summary>
    public string Name { get; } = name;
}
