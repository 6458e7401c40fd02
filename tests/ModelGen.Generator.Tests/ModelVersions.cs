using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ModelGen.Generator.Tests;

/// <summary>One version of a model, compiled in memory through the generator, emitted and loaded. Each version's
/// source defines <c>Model</c> and a static <c>Io</c> class with Sample(), Describe(object) and the format calls, so the
/// tests drive the generated code without knowing the types.</summary>
internal sealed class ModelVersion
{
    private const string IoClass = """
        public static class Io
        {
            public static byte[] Bin(object o) => ModelGen.ModelSerializer.Serialize((Model)o);
            public static object FromBin(byte[] b) => ModelGen.ModelSerializer.Deserialize<Model>(b);
            public static byte[] Bin2(object o) => ModelGen.ModelSerializer.Serialize((Model)o, new ModelGen.ModelSerializerOptions { FormatVersion = 2 });
            public static string Json(object o) => ModelGen.ModelJson.Serialize((Model)o);
            public static string JsonIndented(object o) => ModelGen.ModelJson.Serialize((Model)o, new ModelGen.ModelJsonOptions { Indented = true });
            public static object FromJson(string s) => ModelGen.ModelJson.Deserialize<Model>(s);
            public static object FromJsonStrict(string s) => ModelGen.ModelJson.Deserialize<Model>(s, new ModelGen.ModelJsonOptions { RejectUnknownMembers = true });
            public static System.Collections.Generic.Dictionary<string, object?> Dict(object o) => ModelGen.ModelDictionary.ToDictionary((Model)o);
            public static object FromDict(System.Collections.Generic.IReadOnlyDictionary<string, object?> d) => ModelGen.ModelDictionary.FromDictionary<Model>(d);
            public static string JsonSchema() => Model.JsonSchema;
            public static string SchemaDocument() => Model.Schema.ToJson();
            public static System.Collections.Generic.IReadOnlyList<ModelGen.UnknownMember> Unknown(object o) => ModelGen.ModelSerializer.GetUnknownMembers((Model)o);
        }
        """;

    private static int _counter;
    private readonly Type _io;

    /// <summary>What <see cref="ModelVersion(string, string[])"/> puts before the source.</summary>
    public const string Prelude = "using System; using System.Collections.Generic; using ModelGen;\n";

    /// <param name="source">The version's models and its Samples class.</param>
    /// <param name="warnings">The IDs of the generator's warnings the source gets (none by default: no diagnostic at all).</param>
    public ModelVersion(string source, params string[] warnings)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(Prelude + source + "\n" + IoClass);
        Assert.Equal(warnings, diagnostics.Select(d => d.Id));
        using var stream = new MemoryStream();
        var result = output.WithAssemblyName("Evolution" + System.Threading.Interlocked.Increment(ref _counter)).Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        Assembly assembly = Assembly.Load(stream.ToArray());
        _io = assembly.GetType("Io")!;
        Sample = () => assembly.GetType("Samples")!.GetMethod("Sample")!.Invoke(null, null)!;
        Make = name => assembly.GetType("Samples")!.GetMethod(name)!.Invoke(null, null)!;
    }

    public Func<object> Sample { get; }

    /// <summary>Calls another static method of the version's <c>Samples</c> class.</summary>
    public Func<string, object> Make { get; }

    /// <summary>What the value kept from newer data (ModelSerializer.GetUnknownMembers).</summary>
    public IReadOnlyList<UnknownMember> Unknown(object value) => (IReadOnlyList<UnknownMember>)Call("Unknown", value)!;

    /// <summary>Reads JSON with <c>RejectUnknownMembers</c>.</summary>
    public object ReadStrictJson(string json) => Call("FromJsonStrict", json)!;

    private object? Call(string name, object arg)
    {
        try
        {
            return _io.GetMethod(name)!.Invoke(null, [arg]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    public Type ModelType => _io.Assembly.GetType("Model")!;

    public string SchemaDocument() => (string)_io.GetMethod("SchemaDocument")!.Invoke(null, null)!;

    public string JsonSchema() => (string)_io.GetMethod("JsonSchema")!.Invoke(null, null)!;

    public string Json(object value) => (string)Call("Json", value)!;

    public string JsonIndented(object value) => (string)Call("JsonIndented", value)!;

    public Dictionary<string, object?> Dict(object value) => (Dictionary<string, object?>)Call("Dict", value)!;

    public object FromDict(IReadOnlyDictionary<string, object?> values) => Call("FromDict", values)!;

    /// <summary>Writes with this version in the given form: bytes, JSON text or a dictionary.</summary>
    public object Write(object value, string form) => form switch
    {
        "binary" => Call("Bin", value)!,
        "binary2" => Call("Bin2", value)!,
        "json" => Call("Json", value)!,
        _ => Call("Dict", value)!,
    };

    /// <summary>Reads what <see cref="Write"/> gave, in the same form.</summary>
    public object Read(object data, string form) => form switch
    {
        "binary" or "binary2" => Call("FromBin", data)!,
        "json" => Call("FromJson", data)!,
        _ => Call("FromDict", data)!,
    };

    /// <summary>Writes with this version and reads with <paramref name="reader"/> in the given form.</summary>
    public object Transfer(object value, ModelVersion reader, string form) => form switch
    {
        "binary" => reader.Call("FromBin", Call("Bin", value)!)!,
        "binary2" => reader.Call("FromBin", Call("Bin2", value)!)!,
        "json" => reader.Call("FromJson", Call("Json", value)!)!,
        _ => reader.Call("FromDict", Call("Dict", value)!)!,
    };

    public static object? Get(object model, string member)
    {
        Type t = model.GetType();
        return t.GetProperty(member)?.GetValue(model) ?? t.GetField(member)?.GetValue(model);
    }
}
