using System;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ModelGen.AspNetCore;

/// <summary>Registers ModelGen with an ASP.NET Core application.</summary>
public static class ModelGenServiceCollectionExtensions
{
    /// <summary>Adds ModelGen's HTTP services: the options that <see cref="ModelBody{T}"/> and <see cref="ModelResults"/>
    /// read with, a System.Text.Json converter for each model registered with <see cref="ModelGenHttpOptions.AddJsonModel{T}"/>
    /// (for minimal APIs through <c>ConfigureHttpJsonOptions</c>, and for MVC), ProblemDetails and an exception handler
    /// that turns a bad model in a request into a 400 ProblemDetails with the message and member path. Call
    /// <c>app.UseExceptionHandler()</c> for the handler to run.</summary>
    public static IServiceCollection AddModelGen(this IServiceCollection services, Action<ModelGenHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ModelGenHttpOptions();
        configure?.Invoke(options);
        JsonModelConverterFactory factory = options.CreateConverterFactory();
        services.AddSingleton(options);
        services.Configure<JsonOptions>(json => json.SerializerOptions.Converters.Add(factory));
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(json => json.JsonSerializerOptions.Converters.Add(factory));
        if (options.ThrowOnBadRequest) services.Configure<RouteHandlerOptions>(route => route.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ModelProblemDetailsHandler>();
        return services;
    }
}
