using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ModelGen.Extensions.Configuration;

/// <summary>Where named options of <typeparamref name="T"/> come from.</summary>
internal sealed record ModelOptionsSource<T>(string Name, IConfiguration Section, ModelSerializerOptions Options);

/// <summary>Creates options from configuration through the generated reader, then runs the configure,
/// post-configure and validation steps as <see cref="OptionsFactory{TOptions}"/> does.</summary>
internal sealed class ModelOptionsFactory<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(
    IEnumerable<ModelOptionsSource<T>> sources,
    IEnumerable<IConfigureOptions<T>> setups,
    IEnumerable<IPostConfigureOptions<T>> postConfigures,
    IEnumerable<IValidateOptions<T>> validations) : IOptionsFactory<T>
    where T : class, IModelSerializable<T>
{
    public T Create(string name)
    {
        ModelOptionsSource<T>? source = null;
        foreach (ModelOptionsSource<T> s in sources)
            if (s.Name == name) source = s;
        if (source is null)
            throw new InvalidOperationException($"No configuration section is registered for {typeof(T).Name} options named '{name}'; call AddModelOptions<{typeof(T).Name}>(\"{name}\", section).");

        T value;
        try
        {
            value = ModelConfiguration.FromConfiguration<T>(source.Section, source.Options);
        }
        catch (ModelFormatException e)
        {
            throw new OptionsValidationException(name, typeof(T), ModelOptionsValidator<T>.Failures(source.Section, e));
        }
        foreach (IConfigureOptions<T> setup in setups)
        {
            if (setup is IConfigureNamedOptions<T> named) named.Configure(name, value);
            else if (name == Microsoft.Extensions.Options.Options.DefaultName) setup.Configure(value);
        }
        foreach (IPostConfigureOptions<T> post in postConfigures) post.PostConfigure(name, value);

        var failures = new List<string>();
        foreach (IValidateOptions<T> validation in validations)
        {
            ValidateOptionsResult result = validation.Validate(name, value);
            if (result.Failed) failures.AddRange(result.Failures);
        }
        if (failures.Count > 0) throw new OptionsValidationException(name, typeof(T), failures);
        return value;
    }
}

/// <summary>ModelGen's validation of every <c>[Hyperparameters]</c> value in the options, after configure actions.</summary>
internal sealed class ModelOptionsValidator<T>(IEnumerable<ModelOptionsSource<T>> sources) : IValidateOptions<T>
    where T : class, IModelSerializable<T>
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        IReadOnlyList<ModelValidationError> errors = ModelValidation.Validate(options);
        if (errors.Count == 0) return ValidateOptionsResult.Success;
        string prefix = "";
        foreach (ModelOptionsSource<T> s in sources)
            if (s.Name == name && s.Section is IConfigurationSection section) prefix = section.Path + ": ";
        var failures = new List<string>(errors.Count);
        foreach (ModelValidationError error in errors) failures.Add(prefix + error);
        return ValidateOptionsResult.Fail(failures);
    }

    public static IEnumerable<string> Failures(IConfiguration section, ModelFormatException e)
    {
        string prefix = section is IConfigurationSection s ? s.Path + ": " : "";
        if (e.ValidationErrors.Count == 0) return [prefix + e.Message];
        var failures = new List<string>(e.ValidationErrors.Count);
        foreach (ModelValidationError error in e.ValidationErrors) failures.Add(prefix + error);
        return failures;
    }
}
