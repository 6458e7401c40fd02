using System;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelGen;
using ModelGen.Extensions.Configuration;

// In the namespace of AddOptions, as the Microsoft.Extensions packages put their registration methods.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a ModelGen model as options bound from configuration.</summary>
public static class ModelOptionsServiceCollectionExtensions
{
    // Only an annotation that the options interfaces require of their type argument (for OptionsFactory's new T()); the
    // factory registered here never creates T that way.
    private const DynamicallyAccessedMemberTypes Ctor = DynamicallyAccessedMemberTypes.PublicParameterlessConstructor;

    /// <summary>Registers <typeparamref name="T"/> as options created from <paramref name="section"/> by
    /// <see cref="ModelConfiguration.FromConfiguration{T}"/> — so positional records (no parameterless constructor)
    /// bind, and the <c>[Range]</c>/<c>[Required]</c> rules of <c>[Hyperparameters]</c> values, including those on
    /// positional parameters and nested values, are checked — validated on start (<c>ValidateOnStart</c>): a host with
    /// invalid settings fails to start with an <see cref="OptionsValidationException"/> listing every violation by
    /// member path. <c>Configure</c>/<c>PostConfigure</c> actions and other validators still run; the options reload
    /// when the configuration does (<see cref="IOptionsMonitor{TOptions}"/>).</summary>
    public static OptionsBuilder<T> AddModelOptions<[DynamicallyAccessedMembers(Ctor)] T>(this IServiceCollection services, IConfiguration section)
        where T : class, IModelSerializable<T> =>
        services.AddModelOptions<T>(Options.Options.DefaultName, section, null);

    /// <summary>Registers named options <paramref name="name"/> (<see cref="Options.Options.DefaultName"/> for the
    /// unnamed ones), as <see cref="AddModelOptions{T}(IServiceCollection, IConfiguration)"/>, read with
    /// <paramref name="options"/> (e.g. <see cref="ModelSerializerOptions.RejectUnknownMembers"/>: a misspelt key fails
    /// the start instead of being kept).</summary>
    public static OptionsBuilder<T> AddModelOptions<[DynamicallyAccessedMembers(Ctor)] T>(this IServiceCollection services, string name, IConfiguration section, ModelSerializerOptions? options)
        where T : class, IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions();
        // Replaces OptionsFactory<T>, which needs a parameterless constructor, for this T only.
        services.TryAddTransient<IOptionsFactory<T>, ModelOptionsFactory<T>>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, ModelOptionsValidator<T>>());
        services.AddSingleton(new ModelOptionsSource<T>(name, section, options ?? ModelSerializerOptions.Default));
        services.AddSingleton<IOptionsChangeTokenSource<T>>(new ConfigurationChangeTokenSource<T>(name, section));
        return new OptionsBuilder<T>(services, name).ValidateOnStart();
    }
}
