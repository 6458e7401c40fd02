using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ModelGen.Analyzers.Common;

namespace ModelGen.Analyzers.PayloadTypeNames;

/// <summary>Decides, within one method body, whether a string (or a type resolved from one) was read from the data
/// being deserialized: a value returned by a reader or document API (<c>BinaryReader.ReadString</c>,
/// <c>XmlReader.GetAttribute</c>, <c>JsonElement.GetString</c>, <c>JToken.Value&lt;string&gt;</c>,
/// <c>SerializationInfo.GetString</c>, …), possibly through locals, string operations and <c>Type.GetType</c>.
/// Constants are never tainted.</summary>
internal sealed class PayloadTaint
{
    /// <summary>Types whose members return what the payload says.</summary>
    private static readonly string[] ReaderNames =
    [
        "System.IO.BinaryReader",
        "System.IO.TextReader",
        "System.Xml.XmlReader",
        "System.Xml.XmlNode",
        "System.Xml.Linq.XObject",
        "System.Text.Json.JsonElement",
        "System.Text.Json.JsonProperty",
        "System.Text.Json.Utf8JsonReader",
        "System.Text.Json.Nodes.JsonNode",
        "System.Runtime.Serialization.SerializationInfo",
        "System.Runtime.Serialization.SerializationEntry",
        "Newtonsoft.Json.JsonReader",
        "Newtonsoft.Json.Linq.JToken",
        "Newtonsoft.Json.Linq.Extensions",
    ];

    private readonly KnownTypes _readers;
    private readonly TypeResolvers _resolvers;

    private PayloadTaint(KnownTypes readers, TypeResolvers resolvers)
    {
        _readers = readers;
        _resolvers = resolvers;
    }

    public static PayloadTaint Resolve(Compilation compilation) =>
        new(KnownTypes.Resolve(compilation, ReaderNames), TypeResolvers.Resolve(compilation));

    public TypeResolvers Resolvers => _resolvers;

    public bool IsFromPayload(IOperation value, System.Threading.CancellationToken cancellation = default) =>
        value.SemanticModel is { } model
        && new Query(this, ValueFlow.For(model, cancellation)).IsFromPayload(value, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default));

    /// <summary>One question, with the data-flow context that finds what reaches the locals it meets.</summary>
    private readonly struct Query(PayloadTaint taint, ValueFlow flow)
    {
        private bool IsReader(ITypeSymbol? type) => taint.IsReader(type);

        public bool IsFromPayload(IOperation value, HashSet<ILocalSymbol> visited)
        {
            if (value.ConstantValue.HasValue)
            {
                return false;
            }

            switch (ValueFlow.Unwrap(value))
            {
                case IConversionOperation { OperatorMethod: { } conversion } converted:
                    // (string)xElement, (string)jToken
                    return IsReader(conversion.ContainingType) || IsFromPayload(converted.Operand, visited);
                case IInvocationOperation invocation:
                    return IsFromPayload(invocation, visited);
                case IPropertyReferenceOperation property:
                    return IsReader(property.Property.ContainingType)
                        || (property.Instance is { } instance && IsStringType(property.Instance.Type) && IsFromPayload(instance, visited));
                case IArrayElementReferenceOperation element:
                    return IsFromPayload(element.ArrayReference, visited);
                case IBinaryOperation binary:
                    return IsFromPayload(binary.LeftOperand, visited) || IsFromPayload(binary.RightOperand, visited);
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation interpolation && IsFromPayload(interpolation.Expression, visited))
                        {
                            return true;
                        }
                    }

                    return false;
                case IAwaitOperation awaited:
                    return IsFromPayload(awaited.Operation, visited);
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return IsFromPayload(conditional.WhenTrue, visited) || IsFromPayload(whenFalse, visited);
                case ICoalesceOperation coalesce:
                    return IsFromPayload(coalesce.Value, visited) || IsFromPayload(coalesce.WhenNull, visited);
                case IObjectCreationOperation creation:
                    // new AssemblyName(name)
                    return creation.Type?.Name == "AssemblyName" && AnyArgumentFromPayload(creation.Arguments, visited);
                case ILocalReferenceOperation local:
                    if (!visited.Add(local.Local))
                    {
                        return false;
                    }

                    foreach (var assigned in flow.Definitions(local))
                    {
                        if (IsFromPayload(assigned, visited))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        private bool IsFromPayload(IInvocationOperation invocation, HashSet<ILocalSymbol> visited)
        {
            var method = invocation.TargetMethod;
            if (IsReader(method.ContainingType) || (invocation.Instance is { } reader && IsReader(reader.Type) && method.Name == nameof(ToString)))
            {
                return true;
            }

            // The name carries on through string operations (Trim, Substring, Split, Concat, Format) and through
            // the APIs that resolve it (Type.GetType), but not through arbitrary methods, which may well check it.
            if (IsStringType(method.ContainingType) || taint._resolvers.IsGetType(method))
            {
                return (invocation.Instance is { } instance && IsFromPayload(instance, visited))
                    || AnyArgumentFromPayload(invocation.Arguments, visited);
            }

            return false;
        }

        private bool AnyArgumentFromPayload(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, HashSet<ILocalSymbol> visited)
        {
            foreach (var argument in arguments)
            {
                if (IsFromPayload(argument.Value, visited))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private bool IsReader(ITypeSymbol? type) => _readers.IsOrInherits(type);

    private static bool IsStringType(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_String;
}
