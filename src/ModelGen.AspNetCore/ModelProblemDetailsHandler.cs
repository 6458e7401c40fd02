using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ModelGen.AspNetCore;

/// <summary>Turns a model that could not be read from a request into a ProblemDetails response: a
/// <see cref="ModelFormatException"/> (thrown by <see cref="ModelBody{T}"/> or by a handler reading a body itself), or
/// a <see cref="JsonException"/> from ModelGen's converter, gives 400 with the message as <c>detail</c> and the member
/// path as <c>path</c> (plus <c>offset</c> for binary input); a <see cref="BadHttpRequestException"/> gives its own
/// status (415 for an unsupported content type, 413 for a body over the limit). Anything else is left to the next
/// handler.</summary>
public sealed class ModelProblemDetailsHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        ModelFormatException? model = Find<ModelFormatException>(exception);
        int status;
        string detail;
        if (exception is BadHttpRequestException bad)
        {
            status = bad.StatusCode;
            detail = model?.Message ?? Find<JsonException>(exception)?.Message ?? bad.Message;
        }
        else if (model is not null && exception is ModelFormatException or JsonException)
        {
            status = StatusCodes.Status400BadRequest;
            detail = model.Message;
        }
        else
        {
            return false;
        }
        if (httpContext.Response.HasStarted) return false;

        var problem = new ProblemDetails
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status415UnsupportedMediaType => "Unsupported content type",
                StatusCodes.Status413PayloadTooLarge => "Request body too large",
                _ when model is not null => "Invalid model in the request body",
                _ => "Bad request",
            },
            Detail = detail,
        };
        if (model is not null)
        {
            problem.Extensions["path"] = model.Path;
            if (model.Offset >= 0) problem.Extensions["offset"] = model.Offset;
        }
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        }).ConfigureAwait(false);
    }

    private static TException? Find<TException>(Exception exception) where TException : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e is TException found) return found;
        return null;
    }
}
