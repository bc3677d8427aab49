namespace Journal.EventStore.Redaction;

/// <summary>A run of characters in a string that must be replaced.</summary>
internal readonly record struct SecretRange(int Start, int Length)
{
    public int End => Start + Length;
}
