using MediatR;

namespace Journal.ControlRoom.Tests.Support;

/// <summary>
/// A mediator that records every request a component sends and answers with what the test set up for its
/// type (a value, or an exception to throw), so a test sees exactly which queries and commands a page sent.
/// </summary>
public sealed class FakeMediator : IMediator
{
    private readonly Dictionary<Type, Func<object, object>> _answers = [];

    public List<object> Sent { get; } = [];

    public IEnumerable<T> SentOf<T>() => Sent.OfType<T>();

    /// <summary>Answers requests of <typeparamref name="TRequest"/> with <paramref name="answer"/> (which may throw).</summary>
    public FakeMediator On<TRequest, TResponse>(Func<TRequest, TResponse> answer)
        where TRequest : IRequest<TResponse>
    {
        _answers[typeof(TRequest)] = request => answer((TRequest)request)!;
        return this;
    }

    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        Sent.Add(request);
        if (!_answers.TryGetValue(request.GetType(), out var answer))
        {
            throw new InvalidOperationException($"no answer set up for {request.GetType().Name}");
        }

        return Task.FromResult((TResponse)answer(request));
    }

    public Task Send(IRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task Publish(INotification notification, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification => throw new NotSupportedException();
}
