using System;
using Xunit;

namespace ModelGen.Generator.Tests;

/// <summary>A model of a type derived from the model type it is held as (a <c>D : C</c> in a member, list or root of
/// type <c>C</c>, or a subclass of a union case that is not a case itself) was written as a <c>C</c>: without its own
/// members and its type, silently, in every form. Every writer refuses it, naming where it is; a derived type that is
/// not a model (no members of its own to save) is still written as the declared type. The root is checked by every
/// entry point too (the write into a buffer tries a write of its own before the check).</summary>
public class DerivedModelWriteTests
{
    private const string Source = """
        [SerializableModel, ModelUnion("c", typeof(C))] public abstract partial class B { }
        [SerializableModel] public partial class C : B { public int X { get; set; } }
        [SerializableModel] public partial class D : C { public int Y { get; set; } }
        public class Plain : C { public override string ToString() => "plain"; }
        [SerializableModel] public partial record Model
        {
            public B? Item { get; init; }
            public C? Case { get; init; }
            public List<C> Cases { get; init; } = new();
        }
        public static class Samples
        {
            public static object Sample() => new Model { Item = new C { X = 1 }, Case = new C { X = 2 } };
            public static object Union() => new Model { Item = new D { X = 1, Y = 2 } };
            public static object Member() => new Model { Case = new D { X = 3, Y = 4 } };
            public static object List() => new Model { Cases = { new C { X = 5 }, new D { X = 6, Y = 7 } } };
            public static object Plain() => new Model { Item = new Plain { X = 8 }, Case = new Plain { X = 9 }, Cases = { new Plain { X = 10 } } };
            // A D written as the root type C, by each entry point (the write into a buffer tries a write at once first).
            static C Root() => new D { X = 1, Y = 2 };
            static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };
            public static object RootBytes() => ModelSerializer.Serialize(Root());
            public static object RootBytes2() => ModelSerializer.Serialize(Root(), Format2);
            public static object RootBuffer() { var b = new System.Buffers.ArrayBufferWriter<byte>(); ModelSerializer.Serialize(b, Root()); return b.WrittenCount; }
            public static object RootBuffer2() { var b = new System.Buffers.ArrayBufferWriter<byte>(); ModelSerializer.Serialize(b, Root(), Format2); return b.WrittenCount; }
            public static object RootStream() { var m = new System.IO.MemoryStream(); ModelSerializer.Serialize(m, Root()); return m.Length; }
            public static object RootJson() => ModelJson.Serialize(Root());
            public static object RootDictionary() => ModelDictionary.ToDictionary(Root());
            public static object PlainRoot() => ModelJson.Serialize(ModelSerializer.Deserialize<C>(ModelSerializer.Serialize<C>(new Plain { X = 11 })));
        }
        """;

    private static readonly Lazy<ModelVersion> Models = new(() => new ModelVersion(Source));

    [Theory]
    [InlineData("Union", "item")]
    [InlineData("Member", "case")]
    [InlineData("List", "cases[1]")]
    public void A_derived_model_is_refused_by_every_writer_naming_its_path(string shape, string path)
    {
        ModelVersion v = Models.Value;
        foreach (string form in new[] { "binary", "binary2", "json", "dictionary" })
        {
            var e = Assert.Throws<ModelFormatException>(() => v.Write(v.Make(shape), form));
            Assert.Equal(path, e.Path);
            Assert.Contains("'D' is a model derived from 'C'", e.Message);
        }
    }

    [Theory]
    [InlineData("RootBytes")]
    [InlineData("RootBytes2")]
    [InlineData("RootBuffer")]
    [InlineData("RootBuffer2")]
    [InlineData("RootStream")]
    [InlineData("RootJson")]
    [InlineData("RootDictionary")]
    public void A_derived_model_written_as_its_base_root_is_refused(string write)
    {
        ModelVersion v = Models.Value;
        var e = Assert.Throws<System.Reflection.TargetInvocationException>(() => v.Make(write));
        var error = Assert.IsType<ModelFormatException>(e.InnerException);
        Assert.Contains("'D' is a model derived from 'C'", error.Message);
    }

    [Fact]
    public void A_derived_type_that_is_not_a_model_is_written_as_the_declared_model()
    {
        ModelVersion v = Models.Value;
        foreach (string form in new[] { "binary", "binary2", "json", "dictionary" })
        {
            object back = v.Read(v.Write(v.Make("Plain"), form), form);
            Assert.Equal("""{"$version":1,"item":{"$type":"c","$version":1,"x":8},"case":{"$type":"c","$version":1,"x":9},"cases":[{"$type":"c","$version":1,"x":10}]}""", v.Json(back));
        }
        Assert.Equal("""{"$type":"c","$version":1,"x":11}""", v.Make("PlainRoot"));
    }
}
