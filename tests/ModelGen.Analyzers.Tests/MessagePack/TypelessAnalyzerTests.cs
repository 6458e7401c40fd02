using System.Threading.Tasks;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.MessagePack.TypelessAnalyzer>;

namespace ModelGen.Analyzers.Tests.MessagePack;

public sealed class TypelessAnalyzerTests
{
    [Fact]
    public Task Typeless_serializer_resolvers_and_formatters_are_reported() => Verify.AnalyzeAsync("""
        using MessagePack;
        using MessagePack.Formatters;
        using MessagePack.Resolvers;

        [MessagePackObject]
        public class Envelope
        {
            [Key(0)]
            [MessagePackFormatter({|MG1005:typeof(TypelessFormatter)|})]
            public object? Payload { get; set; }
        }

        class Store
        {
            byte[] Save(object value) => {|MG1005:MessagePackSerializer.Typeless.Serialize(value)|};
            object? Load(byte[] data) => {|MG1005:MessagePackSerializer.Typeless.Deserialize(data)|};

            object Contractless(byte[] data) =>
                MessagePackSerializer.Deserialize<object>(data, {|MG1005:TypelessContractlessStandardResolver.Options|});

            MessagePackSerializerOptions Options() =>
                MessagePackSerializerOptions.Standard.WithResolver(CompositeResolver.Create(
                    new IMessagePackFormatter[] { {|MG1005:TypelessFormatter.Instance|} },
                    new IFormatterResolver[] { {|MG1005:TypelessObjectResolver.Instance|}, StandardResolver.Instance }));

            IMessagePackFormatter<object?>? Formatter() => {|MG1005:TypelessContractlessStandardResolver.Instance.GetFormatter<object>()|};
            object Forced() => {|MG1005:new ForceTypelessFormatter<object>()|};
        }
        """);

    [Fact]
    public Task TrustedData_is_reported() => Verify.AnalyzeAsync("""
        using MessagePack;

        class Store
        {
            static readonly MessagePackSerializerOptions Options =
                MessagePackSerializerOptions.Standard.WithSecurity({|MG1006:MessagePackSecurity.TrustedData|});

            int[] Load(byte[] data) => MessagePackSerializer.Deserialize<int[]>(data, Options);
        }
        """);

    [Fact]
    public Task Standard_resolver_and_UntrustedData_are_not_reported() => Verify.AnalyzeAsync("""
        using MessagePack;
        using MessagePack.Resolvers;

        [MessagePackObject]
        public class Layer
        {
            [Key(0)] public float[] Weights { get; set; } = System.Array.Empty<float>();
            [Key(1)] public string Name { get; set; } = "";
        }

        class Store
        {
            static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
                .WithResolver(StandardResolver.Instance)
                .WithSecurity(MessagePackSecurity.UntrustedData);

            byte[] Save(Layer layer) => MessagePackSerializer.Serialize(layer, Options);
            Layer Load(byte[] data) => MessagePackSerializer.Deserialize<Layer>(data, Options);
            Layer LoadDefault(byte[] data) => MessagePackSerializer.Deserialize<Layer>(data);
            Layer Contractless(byte[] data) => MessagePackSerializer.Deserialize<Layer>(data, ContractlessStandardResolver.Options);
        }
        """);
}
