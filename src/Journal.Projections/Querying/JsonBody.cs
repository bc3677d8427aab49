using System.Buffers;

namespace Journal.Projections.Querying;

/// <summary>
/// A query's answer already written as UTF-8 JSON, in memory rented from the shared pool, for the HTTP layer to
/// send as it is (the page of a hot GET, written straight from the read model's rows: no row objects and no
/// serializer pass). Dispose gives the memory back; <see cref="Written"/> is invalid after that.
/// </summary>
public sealed class JsonBody : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    /// <summary>An empty body with room for <paramref name="capacity"/> bytes before it grows.</summary>
    public JsonBody(int capacity = 16 * 1024) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, capacity));

    /// <summary>The JSON written so far.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _written);

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Reserve(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(checked(Math.Max(_buffer.Length * 2, _written + needed)));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
