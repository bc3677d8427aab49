using Journal.Api.Hosting;
using Journal.Api.Http.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace Journal.Api.Http.Limits;

/// <summary>
/// Refuses request bodies over <see cref="JournalSettings.MaxRequestBytes"/> with 413 before any
/// endpoint runs (so nothing is written), whatever the server underneath: a declared length over the
/// limit is refused unread, anything else is read into memory up to the limit.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, JournalSettings settings)
{
    /// <summary>Runs the check, then the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = settings.MaxRequestBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        var request = context.Request;
        if (request.ContentLength > limit)
        {
            await ProblemWriter.WriteAsync(context, ProblemCatalog.TooLarge(limit));
            return;
        }

        if (request.ContentLength is null or > 0 && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    await ProblemWriter.WriteAsync(context, ProblemCatalog.TooLarge(limit));
                    return;
                }

                buffer.Write(chunk, 0, read);
            }

            buffer.Position = 0;
            request.Body = buffer;
            request.ContentLength = buffer.Length;
            context.Response.RegisterForDispose(buffer);
        }

        await next(context);
    }
}
