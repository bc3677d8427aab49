namespace Journal.Domain.Commands;

/// <summary>
/// A request that can check its own shape (required fields, lengths, ranges) before any aggregate is
/// loaded. The validation behavior calls it; a failure names the field and writes nothing.
/// </summary>
public interface IValidatable
{
    /// <summary>Throws <see cref="Errors.ValidationException"/> naming the first field at fault.</summary>
    void Validate();
}
