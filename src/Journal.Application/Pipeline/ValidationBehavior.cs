using Journal.Projections.Querying;
using Journal.Domain.Commands;
using MediatR;

namespace Journal.Application.Pipeline;

/// <summary>Checks a request's shape before anything is loaded; a refused request writes nothing.</summary>
public sealed class ValidationBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    /// <inheritdoc />
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is ICommand { Context.IdempotencyKey: { } key }
            && (key.Length is 0 or > CommandContext.MaxIdempotencyKeyLength || key.Any(char.IsControl)))
        {
            throw new Domain.Errors.ValidationException("idempotencyKey", $"must be 1 to {CommandContext.MaxIdempotencyKeyLength} characters without control characters");
        }

        if (request is IValidatable validatable)
        {
            validatable.Validate();
        }

        return next();
    }
}
