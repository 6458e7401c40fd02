using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;
using ModelGen.Generator.Parsing;

namespace ModelGen.Analyzers.ModelPersistence;

/// <summary>MG1010: a <c>[SerializableModel]</c> type persisted with a reflection-based serializer — System.Text.Json
/// without a source-generated context on a model that carries no <c>[JsonConverter]</c>, Json.NET, XmlSerializer or a
/// data-contract serializer — when ModelGen generated a serializer for it.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReflectionPersistenceAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Static or instance classes whose every public method reads or writes through reflection.</summary>
    private static readonly string[] ReflectionSerializerNames =
    [
        "System.Text.Json.JsonSerializer",
        "Newtonsoft.Json.JsonConvert",
        "Newtonsoft.Json.JsonSerializer",
        "Newtonsoft.Json.Linq.JToken",
    ];

    /// <summary>Serializers bound to a type when they are constructed.</summary>
    private static readonly string[] ReflectionSerializerConstructorNames =
    [
        "System.Xml.Serialization.XmlSerializer",
        "System.Runtime.Serialization.DataContractSerializer",
        "System.Runtime.Serialization.Json.DataContractJsonSerializer",
    ];

    /// <summary>A System.Text.Json overload that takes one of these uses generated metadata, not reflection.</summary>
    private static readonly string[] SourceGeneratedMetadataNames =
    [
        "System.Text.Json.Serialization.Metadata.JsonTypeInfo",
        "System.Text.Json.Serialization.JsonSerializerContext",
    ];

    private static readonly ImmutableHashSet<string> JsonNetMethods = ImmutableHashSet.Create(
        "SerializeObject", "DeserializeObject", "PopulateObject", "Serialize", "Deserialize", "Populate", "FromObject", "ToObject");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ReflectionPersistenceOfModel);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var models = ModelTypes.Resolve(start.Compilation);
            var serializers = KnownTypes.Resolve(start.Compilation, ReflectionSerializerNames);
            var constructed = KnownTypes.Resolve(start.Compilation, ReflectionSerializerConstructorNames);
            if (models is null || (serializers.IsEmpty && constructed.IsEmpty))
            {
                return;
            }

            var analysis = new Analysis(
                models,
                serializers,
                constructed,
                KnownTypes.Resolve(start.Compilation, SourceGeneratedMetadataNames),
                start.Compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializerOptions"),
                start.Compilation.GetTypeByMetadataName("System.Type"));
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(analysis.AnalyzeCreation, OperationKind.ObjectCreation);
        });
    }

    private sealed class Analysis(
        ModelTypes models,
        KnownTypes serializers,
        KnownTypes constructed,
        KnownTypes sourceGenerated,
        INamedTypeSymbol? jsonSerializerOptions,
        INamedTypeSymbol? systemType)
    {
        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (serializers.FindSelfOrBase(method.ContainingType) is not { } serializer || !IsReflectionBased(invocation))
            {
                return;
            }

            var isSystemTextJson = serializer.ContainingNamespace.ToDisplayString() == "System.Text.Json";
            if (!isSystemTextJson && !JsonNetMethods.Contains(method.Name))
            {
                return;
            }

            // A model that carries [JsonConverter] (ModelGen generates it on every model) is written by
            // System.Text.Json's reflection path as ModelJson writes it. A model without one was compiled by an
            // older ModelGen, or its author removed it.
            if (PersistedModel(method.TypeArguments, invocation.Arguments) is { } model
                && !(isSystemTextJson && model is INamedTypeSymbol named && TypeShapes.HasJsonConverter(named)))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ReflectionPersistenceOfModel,
                    invocation.Syntax.GetLocation(),
                    model.Name,
                    $"{serializer.Name}.{method.Name}"));
            }
        }

        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (constructed.FindSelfOrBase(creation.Type) is { } serializer
                && PersistedModel(ImmutableArray<ITypeSymbol>.Empty, creation.Arguments) is { } model)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ReflectionPersistenceOfModel, creation.Syntax.GetLocation(), model.Name, serializer.Name));
            }
        }

        /// <summary>The model the call reads or writes: a type argument, a <c>typeof</c> passed as the type, or
        /// the static type of the value passed as <c>object</c> or as a type parameter.</summary>
        private ITypeSymbol? PersistedModel(ImmutableArray<ITypeSymbol> typeArguments, ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var candidate in Candidates(typeArguments, arguments))
            {
                var type = candidate is IArrayTypeSymbol array ? array.ElementType : candidate;
                if (models.IsModel(type))
                {
                    return type;
                }
            }

            return null;
        }

        private IEnumerable<ITypeSymbol?> Candidates(ImmutableArray<ITypeSymbol> typeArguments, ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var typeArgument in typeArguments)
            {
                yield return typeArgument;
            }

            foreach (var argument in arguments)
            {
                var parameterType = argument.Parameter?.Type;
                if (SymbolEqualityComparer.Default.Equals(parameterType, systemType))
                {
                    yield return (ValueFlow.Unwrap(argument.Value) as ITypeOfOperation)?.TypeOperand;
                }
                else if (parameterType is { SpecialType: SpecialType.System_Object } or ITypeParameterSymbol)
                {
                    yield return ValueFlow.Unwrap(argument.Value).Type;
                }
            }
        }

        /// <summary>Json.NET is always reflection-based. A System.Text.Json call is too unless it is given generated
        /// metadata (a JsonTypeInfo or JsonSerializerContext), or options that may carry a generated resolver.</summary>
        private bool IsReflectionBased(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                var parameterType = argument.Parameter?.Type;
                if (sourceGenerated.IsOrInherits(parameterType))
                {
                    return false;
                }

                if (SymbolEqualityComparer.Default.Equals(parameterType, jsonSerializerOptions)
                    && argument.ArgumentKind == ArgumentKind.Explicit
                    && !ValueFlow.Of(argument.Value).All(IsReflectionOptions))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Options known to resolve by reflection: null, <c>JsonSerializerOptions.Default</c>/<c>Web</c>, or
        /// <c>new JsonSerializerOptions { … }</c> that sets no TypeInfoResolver and adds none of ModelGen's converters
        /// (<c>JsonModelConverterFactory</c>, <c>JsonModelConverter&lt;T&gt;</c>). Anything else may come from a
        /// source-generated context, so it is given the benefit of the doubt.</summary>
        private bool IsReflectionOptions(IOperation options) => options switch
        {
            { ConstantValue: { HasValue: true, Value: null } } => true,
            IPropertyReferenceOperation { Property: { IsStatic: true } property } =>
                SymbolEqualityComparer.Default.Equals(property.ContainingType, jsonSerializerOptions),
            IObjectCreationOperation creation =>
                creation.Arguments.IsEmpty
                && !(creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty).Any(SetsResolver)
                && !(creation.Initializer is null && InitializerSetsResolver(creation.Syntax)),
            _ => false,
        };

        // An origin found through a control-flow graph (options held in a local) is the bare creation: the graph
        // lowers its object initializer into separate assignments. The initializer is then read from the syntax.
        private static bool InitializerSetsResolver(SyntaxNode creation)
        {
            if (creation is not BaseObjectCreationExpressionSyntax { Initializer: { } initializer }) return false;
            foreach (ExpressionSyntax expression in initializer.Expressions)
            {
                if (expression is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: var member } } assignment) continue;
                if (member is "TypeInfoResolver" or "TypeInfoResolverChain") return true;
                if (member == "Converters" && assignment.Right.DescendantNodesAndSelf().OfType<BaseObjectCreationExpressionSyntax>().Any(IsModelGenConverterCreation))
                    return true;
            }
            return false;
        }

        private static bool IsModelGenConverterCreation(BaseObjectCreationExpressionSyntax creation)
        {
            TypeSyntax? type = (creation as ObjectCreationExpressionSyntax)?.Type;
            if (type is QualifiedNameSyntax qualified) type = qualified.Right;
            if (type is AliasQualifiedNameSyntax alias) type = alias.Name;
            return type switch
            {
                IdentifierNameSyntax { Identifier.ValueText: "JsonModelConverterFactory" } => true,
                GenericNameSyntax { Identifier.ValueText: "JsonModelConverter" } => true,
                _ => false,
            };
        }

        private static bool SetsResolver(IOperation initializer)
        {
            var member = initializer switch
            {
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } => target.Property,
                IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation target } => target.Property,
                _ => null,
            };
            if (member?.Name is "TypeInfoResolver" or "TypeInfoResolverChain") return true;
            return initializer is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "Converters" } } converters
                && converters.Initializer.Initializers.Any(AddsModelGenConverter);
        }

        // `Converters = { new JsonModelConverterFactory().Add<T>() }` or `{ new JsonModelConverter<T>() }`: each
        // element is a call of Add whose argument, its conversion to JsonConverter removed, has ModelGen's type.
        private static bool AddsModelGenConverter(IOperation element)
        {
            if (element is not IInvocationOperation { Arguments.Length: 1 } add) return false;
            IOperation value = add.Arguments[0].Value;
            while (value is IConversionOperation conversion) value = conversion.Operand;
            return value.Type is INamedTypeSymbol { Name: "JsonModelConverterFactory" or "JsonModelConverter", ContainingNamespace: { Name: "ModelGen", ContainingNamespace.IsGlobalNamespace: true } };
        }
    }
}
