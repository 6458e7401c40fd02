using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ModelGen.Analyzers.Common;

/// <summary>Where a value can come from: the one data-flow mechanism of the MG1xxx rules. It follows
/// <list type="bullet">
/// <item>locals, on Roslyn's control-flow graph: only the assignments that reach the read on some path count, so a
/// local provably holding <c>None</c> is <c>None</c> (a local written inside a lambda or local function, or read past
/// a catch or finally entry, falls back to every assignment of the body);</item>
/// <item>conversions, <c>?:</c>, <c>??</c>, <c>await</c>;</item>
/// <item>parameters of methods, constructors, local functions and lambdas, to the arguments of their calls in the
/// same type (and for a parameter callers outside the type can reach, the parameter itself stays an origin);</item>
/// <item>fields (instance and static), to their initializers and every assignment in the same type (a field others can
/// write stays an origin too);</item>
/// <item>calls to methods, local functions and lambdas of the same type, to what they return.</item>
/// </list>
/// What it does not follow stays an origin ("leaf"), with its static type: a property, a call into another type, a
/// parameter of a public method. Only declarations in the same syntax tree as the query are read (a partial type split
/// across files is followed in the part that holds the query). Each query is bounded (<see cref="MaxSteps"/> values,
/// <see cref="MaxCallDepth"/> nested calls); past the bound the value being looked at stays an origin.</summary>
internal sealed class ValueFlow
{
    /// <summary>How many values one query looks at before it stops following.</summary>
    public const int MaxSteps = 512;

    /// <summary>How many calls deep (into a parameter's callers or a callee's returns) one query goes.</summary>
    public const int MaxCallDepth = 4;

    private readonly SemanticModel _model;
    private readonly CancellationToken _cancellation;
    private readonly HashSet<ISymbol> _followed = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<SyntaxNode, ControlFlowGraph?> _graphs = [];
    private readonly int _nesting;
    private int _steps;

    private ValueFlow(SemanticModel model, CancellationToken cancellation, int nesting = 0)
    {
        _model = model;
        _cancellation = cancellation;
        _nesting = nesting;
    }

    /// <summary>The operation without the conversions the compiler or the author wrapped around it
    /// (user-defined conversion operators are kept, since they compute a new value).</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { OperatorMethod: null } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>Every origin of <paramref name="value"/> (an operation of a tree from a semantic model, as an analyzer
    /// action receives it).</summary>
    public static ImmutableArray<IOperation> Of(IOperation value, CancellationToken cancellation = default)
    {
        if (value.SemanticModel is not { } model)
        {
            return [Unwrap(value)];
        }

        return new ValueFlow(model, cancellation).Origins(value);
    }

    private ImmutableArray<IOperation> Origins(IOperation value)
    {
        var origins = ImmutableArray.CreateBuilder<IOperation>();
        Collect(value, origins, depth: 0);
        return origins.ToImmutable();
    }

    /// <summary>A fresh query on the same semantic model, for a delegate met while following another value (which lambda
    /// it holds); queries nest at most <see cref="MaxCallDepth"/> deep.</summary>
    private ImmutableArray<IOperation> Nested(IOperation value) =>
        _nesting < MaxCallDepth ? new ValueFlow(_model, _cancellation, _nesting + 1).Origins(value) : [];

    /// <summary>A query context for several look-ups on one semantic model (the one of the operation an analyzer
    /// action received), for values that may come from a control-flow graph and have no semantic model of their own.</summary>
    public static ValueFlow For(SemanticModel model, CancellationToken cancellation = default) => new(model, cancellation);

    /// <summary>The values a local can hold where <paramref name="reference"/> reads it: the assignments that reach it
    /// on the control-flow graph (no further following: what they assign is returned as is).</summary>
    public ImmutableArray<IOperation> Definitions(ILocalReferenceOperation reference) => LocalDefinitions(reference).ToImmutableArray();

    private void Collect(IOperation value, ImmutableArray<IOperation>.Builder origins, int depth)
    {
        var pending = new Stack<(IOperation Value, int Depth)>();
        pending.Push((value, depth));
        while (pending.Count > 0)
        {
            _cancellation.ThrowIfCancellationRequested();
            var (current, currentDepth) = pending.Pop();
            current = Unwrap(current);
            if (++_steps > MaxSteps)
            {
                origins.Add(current);
                continue;
            }

            switch (current)
            {
                case ILocalReferenceOperation local:
                    foreach (var definition in LocalDefinitions(local))
                    {
                        if (definition is ILocalReferenceOperation same && same.Syntax == local.Syntax)
                        {
                            origins.Add(current); // no assignment reaches it (a pattern or foreach variable): unknown
                        }
                        else
                        {
                            pending.Push((definition, currentDepth));
                        }
                    }

                    break;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    pending.Push((conditional.WhenTrue, currentDepth));
                    pending.Push((whenFalse, currentDepth));
                    break;
                case ICoalesceOperation coalesce:
                    pending.Push((coalesce.Value, currentDepth));
                    pending.Push((coalesce.WhenNull, currentDepth));
                    break;
                case IAwaitOperation awaited:
                    pending.Push((awaited.Operation, currentDepth));
                    break;
                case IParenthesizedOperation parenthesized:
                    pending.Push((parenthesized.Operand, currentDepth));
                    break;
                case IParameterReferenceOperation parameter when currentDepth < MaxCallDepth:
                    if (_followed.Add(parameter.Parameter))
                    {
                        // With no call in reach (or callers out of reach) the parameter itself is an origin, with its type.
                        if (!Arguments(parameter.Parameter, out var arguments) || arguments.Count == 0)
                        {
                            origins.Add(current);
                        }

                        foreach (var argument in arguments)
                        {
                            pending.Push((argument, currentDepth + 1));
                        }
                    }

                    break;
                case IFieldReferenceOperation { Field: { IsConst: false } field }:
                    if (_followed.Add(field.OriginalDefinition))
                    {
                        if (!FieldValues(field.OriginalDefinition, out var values) || values.Count == 0)
                        {
                            origins.Add(current);
                        }

                        foreach (var assigned in values)
                        {
                            pending.Push((assigned, currentDepth));
                        }
                    }

                    break;
                case IInvocationOperation invocation when currentDepth < MaxCallDepth && Callee(invocation) is { } callee:
                    if (_followed.Add(callee))
                    {
                        var returns = Returns(callee);
                        if (returns.Count == 0)
                        {
                            origins.Add(current);
                        }

                        foreach (var returned in returns)
                        {
                            pending.Push((returned, currentDepth + 1));
                        }
                    }

                    break;
                default:
                    // Not followed (a constant, a creation, a property, a call out of reach, a flow capture): an origin.
                    origins.Add(current);
                    break;
            }
        }
    }

    /// <summary>The method (local function, lambda) an invocation runs when its body is in reach: a method of the same
    /// type that cannot be overridden, a local function, or a delegate local holding a lambda.</summary>
    private IMethodSymbol? Callee(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return method.OriginalDefinition;
        }

        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            // f() where f is a local or field holding `() => ...`: follow f to the lambda.
            if (invocation.Instance is { } target && target is ILocalReferenceOperation or IFieldReferenceOperation)
            {
                foreach (var origin in Nested(target))
                {
                    if (LambdaOf(origin) is { } lambda)
                    {
                        return lambda;
                    }
                }
            }

            return null;
        }

        if (method.IsAbstract || method.IsVirtual || method.IsOverride && !method.IsSealed || method.IsExtern || method.IsPartialDefinition)
        {
            return null;
        }

        return InReach(method) ? method.OriginalDefinition : null;
    }

    /// <summary>The lambda a delegate value was created from (in a body's tree or in its control-flow graph).</summary>
    private static IMethodSymbol? LambdaOf(IOperation origin) => Unwrap(origin) switch
    {
        IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda.Symbol,
        IDelegateCreationOperation { Target: IFlowAnonymousFunctionOperation lambda } => lambda.Symbol,
        IAnonymousFunctionOperation lambda => lambda.Symbol,
        IFlowAnonymousFunctionOperation lambda => lambda.Symbol,
        _ => null,
    };

    private bool InReach(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == _model.SyntaxTree);

    /// <summary>What a method, local function or lambda returns.</summary>
    private List<IOperation> Returns(IMethodSymbol method)
    {
        var returned = new List<IOperation>();
        foreach (var body in Bodies(method))
        {
            foreach (var operation in OwnDescendants(body))
            {
                if (operation is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } value })
                {
                    returned.Add(value);
                }
            }
        }

        return returned;
    }

    /// <summary>The arguments passed for <paramref name="parameter"/> at the calls in reach; false when callers out of
    /// reach exist (the parameter itself is then an origin too).</summary>
    private bool Arguments(IParameterSymbol parameter, out List<IOperation> arguments)
    {
        arguments = [];
        if (parameter.ContainingSymbol is not IMethodSymbol method || parameter.RefKind == RefKind.Out)
        {
            return false;
        }

        // Only a local function's or a private method's callers are all in reach.
        var complete = method.MethodKind == MethodKind.LocalFunction || method.DeclaredAccessibility == Accessibility.Private;
        if (method.MethodKind == MethodKind.AnonymousFunction)
        {
            // A lambda's callers are the invocations of the delegate local it was stored in.
            return LambdaArguments(method, parameter, arguments);
        }

        var scope = method.MethodKind == MethodKind.LocalFunction ? EnclosingBodies(method) : TypeBodies(method.ContainingType);
        foreach (var body in scope)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                var (target, callArguments) = operation switch
                {
                    IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
                    IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments),
                    _ => (null, default),
                };
                if (target is not null && SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method.OriginalDefinition))
                {
                    foreach (var argument in callArguments)
                    {
                        if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.OriginalDefinition, parameter.OriginalDefinition))
                        {
                            arguments.Add(argument.Value);
                        }
                    }
                }
                else if (operation is IMethodReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, method.OriginalDefinition))
                {
                    complete = false; // passed on as a delegate: anyone may call it
                }
            }
        }

        return complete;
    }

    /// <summary>The arguments of the invocations of the delegate locals and fields that hold <paramref name="lambda"/>;
    /// false when none is found (the lambda went somewhere else, a LINQ call say, and its parameter is unknown).</summary>
    private bool LambdaArguments(IMethodSymbol lambda, IParameterSymbol parameter, List<IOperation> arguments)
    {
        var found = false;
        foreach (var body in EnclosingBodies(lambda))
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Instance: { } target } invocation
                    && Nested(target).Any(origin => SymbolEqualityComparer.Default.Equals(LambdaOf(origin), lambda)))
                {
                    found = true;
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Ordinal == parameter.Ordinal)
                        {
                            arguments.Add(argument.Value);
                        }
                    }
                }
            }
        }

        return found;
    }

    /// <summary>A field's initializer and every value assigned to it in the type; false when code out of reach may
    /// write it too.</summary>
    private bool FieldValues(IFieldSymbol field, out List<IOperation> values)
    {
        values = [];
        if (!InReach(field))
        {
            return false;
        }

        foreach (var body in TypeBodies(field.ContainingType))
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IFieldInitializerOperation initializer when initializer.InitializedFields.Contains(field, SymbolEqualityComparer.Default):
                        values.Add(initializer.Value);
                        break;
                    case ISimpleAssignmentOperation { Target: IFieldReferenceOperation target } assignment
                        when SymbolEqualityComparer.Default.Equals(target.Field.OriginalDefinition, field.OriginalDefinition):
                        values.Add(assignment.Value);
                        break;
                }
            }
        }

        // Private and readonly fields are written only where we looked; anything else can be set from outside.
        return field.DeclaredAccessibility == Accessibility.Private || field.IsReadOnly;
    }

    /// <summary>The values a local holds where <paramref name="reference"/> reads it.</summary>
    private IEnumerable<IOperation> LocalDefinitions(ILocalReferenceOperation reference)
    {
        var root = Root(reference);
        if (root is not (IMethodBodyOperation or IConstructorBodyOperation or IFieldInitializerOperation or IPropertyInitializerOperation
            or IParameterInitializerOperation or IBlockOperation))
        {
            // A read found in a control-flow graph: its statement is a root there. The same read in the body's tree.
            if (reference.Syntax.SyntaxTree != _model.SyntaxTree || _model.GetOperation(reference.Syntax, _cancellation) is not ILocalReferenceOperation original)
            {
                return [reference];
            }

            reference = original;
            root = Root(original);
        }

        var definitions = !CapturedOrEscaping(root, reference.Local) && Graph(root) is { } graph && Reaching(graph, reference) is { } reaching
            ? reaching
            : AllAssignments(root, reference.Local).ToList();

        // A local no assignment reaches (a pattern, foreach or catch variable) holds a value of unknown origin: itself.
        return definitions.Count == 0 ? [reference] : definitions;
    }

    /// <summary>Whether a lambda or local function touches the local (then the order of writes is not the order of the
    /// body) or its address is taken.</summary>
    private static bool CapturedOrEscaping(IOperation root, ILocalSymbol local)
    {
        foreach (var operation in root.Descendants())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && (InsideFunction(reference, root) || reference.Parent is IAddressOfOperation))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InsideFunction(IOperation operation, IOperation root)
    {
        for (var current = operation.Parent; current is not null && current != root; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<IOperation> AllAssignments(IOperation root, ILocalSymbol local)
    {
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator
                    when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    yield return initializer.Value;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    yield return assignment.Value;
                    break;
                case IArgumentOperation { Value: ILocalReferenceOperation target } argument
                    when argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref && SymbolEqualityComparer.Default.Equals(target.Local, local):
                    yield return argument.Value; // written by the callee: the local itself, with its declared type
                    break;
            }
        }
    }

    private ControlFlowGraph? Graph(IOperation root)
    {
        if (_graphs.TryGetValue(root.Syntax, out var graph))
        {
            return graph;
        }

        try
        {
            graph = root switch
            {
                IMethodBodyOperation body => ControlFlowGraph.Create(body, _cancellation),
                IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, _cancellation),
                IFieldInitializerOperation field => ControlFlowGraph.Create(field, _cancellation),
                IPropertyInitializerOperation property => ControlFlowGraph.Create(property, _cancellation),
                IParameterInitializerOperation parameter => ControlFlowGraph.Create(parameter, _cancellation),
                IBlockOperation block => ControlFlowGraph.Create(block, _cancellation),
                _ => null,
            };
        }
        catch (ArgumentException)
        {
            graph = null; // not a root the graph builder accepts
        }

        _graphs[root.Syntax] = graph;
        return graph;
    }

    /// <summary>The definitions of the local that reach the read, found by walking the graph backwards from it; null
    /// when the walk cannot be trusted (the read is not in the graph, or a handler entry is reached).</summary>
    private List<IOperation>? Reaching(ControlFlowGraph graph, ILocalReferenceOperation reference)
    {
        if (Locate(graph, reference.Syntax) is not ({ } block, var index))
        {
            return null;
        }

        var definitions = new List<IOperation>();
        var seen = new HashSet<int>();
        var pending = new Stack<(BasicBlock Block, int Before)>();
        pending.Push((block, index));
        while (pending.Count > 0)
        {
            var (current, before) = pending.Pop();
            if (FindBackwards(current, before, reference.Local, graph, definitions))
            {
                continue;
            }

            if (current.Kind == BasicBlockKind.Entry)
            {
                // No assignment on this path: the local got its value some other way (a pattern, a foreach or catch
                // variable, a deconstruction), so on this path it is of unknown origin.
                definitions.Add(reference);
                continue;
            }

            if (current.Predecessors.IsEmpty)
            {
                // The entry of a catch or finally handler: which writes reached it is not in the graph's edges.
                return null;
            }

            foreach (var predecessor in current.Predecessors)
            {
                if (seen.Add(predecessor.Source.Ordinal))
                {
                    pending.Push((predecessor.Source, int.MaxValue));
                }
            }
        }

        return definitions;
    }

    /// <summary>Looks for the last write of the local in the block before position <paramref name="before"/> (an index
    /// into its operations; the branch value counts as the last one). True when one was found.</summary>
    private bool FindBackwards(BasicBlock block, int before, ILocalSymbol local, ControlFlowGraph graph, List<IOperation> definitions)
    {
        var count = block.Operations.Length + (block.BranchValue is null ? 0 : 1);
        for (var i = Math.Min(before, count) - 1; i >= 0; i--)
        {
            var statement = i < block.Operations.Length ? block.Operations[i] : block.BranchValue!;
            IOperation? written = null;
            foreach (var operation in statement.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                        when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        written = assignment.Value;
                        break;
                    case IArgumentOperation { Value: ILocalReferenceOperation target } argument
                        when argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref && SymbolEqualityComparer.Default.Equals(target.Local, local):
                        written = argument.Value;
                        break;
                    case IDeconstructionAssignmentOperation or ICompoundAssignmentOperation or IIncrementOrDecrementOperation
                        when operation.Descendants().OfType<ILocalReferenceOperation>().Any(target => SymbolEqualityComparer.Default.Equals(target.Local, local)):
                        written = operation;
                        break;
                }
            }

            if (written is not null)
            {
                definitions.AddRange(ResolveCaptures(graph, block, i, written));
                return true;
            }
        }

        return false;
    }

    /// <summary>A value read from the graph may be a flow capture (the graph's temporaries for <c>?:</c>, <c>??</c> and
    /// the like): replaced by the values captured into it.</summary>
    private IEnumerable<IOperation> ResolveCaptures(ControlFlowGraph graph, BasicBlock block, int index, IOperation value)
    {
        value = Unwrap(value);
        if (value is not IFlowCaptureReferenceOperation capture)
        {
            return [value];
        }

        var values = new List<IOperation>();
        var seen = new HashSet<int>();
        var pending = new Stack<(BasicBlock Block, int Before)>();
        pending.Push((block, index));
        while (pending.Count > 0 && values.Count < MaxSteps)
        {
            var (current, before) = pending.Pop();
            var found = false;
            for (var i = Math.Min(before, current.Operations.Length) - 1; i >= 0 && !found; i--)
            {
                if (current.Operations[i] is IFlowCaptureOperation captured && captured.Id.Equals(capture.Id))
                {
                    values.AddRange(ResolveCaptures(graph, current, i, captured.Value));
                    found = true;
                }
            }

            if (found)
            {
                continue;
            }

            foreach (var predecessor in current.Predecessors)
            {
                if (seen.Add(predecessor.Source.Ordinal))
                {
                    pending.Push((predecessor.Source, int.MaxValue));
                }
            }
        }

        return values.Count == 0 ? [value] : values;
    }

    /// <summary>The block and statement index holding the operation written at <paramref name="syntax"/>.</summary>
    private static (BasicBlock? Block, int Index) Locate(ControlFlowGraph graph, SyntaxNode syntax)
    {
        foreach (var block in graph.Blocks)
        {
            for (var i = 0; i < block.Operations.Length; i++)
            {
                if (Contains(block.Operations[i], syntax))
                {
                    return (block, i);
                }
            }

            if (block.BranchValue is { } branch && Contains(branch, syntax))
            {
                return (block, block.Operations.Length);
            }
        }

        return (null, 0);
    }

    private static bool Contains(IOperation statement, SyntaxNode syntax) =>
        statement.Syntax.Span.Contains(syntax.Span)
        && statement.DescendantsAndSelf().Any(operation => operation is ILocalReferenceOperation && operation.Syntax == syntax);

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    /// <summary>The operations of a method's, local function's or lambda's own body.</summary>
    private IEnumerable<IOperation> Bodies(IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != _model.SyntaxTree)
            {
                continue;
            }

            var syntax = reference.GetSyntax(_cancellation);
            var operation = _model.GetOperation(syntax, _cancellation);
            if (operation is null && method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction)
            {
                // Local functions and lambdas are operations of their enclosing body.
                operation = EnclosingBodies(method)
                    .SelectMany(body => body.DescendantsAndSelf())
                    .FirstOrDefault(candidate => candidate.Syntax == syntax && candidate is ILocalFunctionOperation or IAnonymousFunctionOperation);
            }

            if (operation is not null)
            {
                yield return operation;
            }
        }
    }

    /// <summary>The operations of every member body of <paramref name="type"/> in reach: methods, constructors,
    /// accessors, field and property initializers.</summary>
    private IEnumerable<IOperation> TypeBodies(INamedTypeSymbol type)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != _model.SyntaxTree)
            {
                continue;
            }

            foreach (var node in reference.GetSyntax(_cancellation).ChildNodes())
            {
                _cancellation.ThrowIfCancellationRequested();
                foreach (var part in MemberParts(node))
                {
                    if (_model.GetOperation(part, _cancellation) is { } operation)
                    {
                        yield return operation;
                    }
                }
            }
        }
    }

    /// <summary>The syntax nodes of a member declaration that the semantic model gives operations for: a method's,
    /// constructor's or accessor's declaration (its whole body), an expression-bodied property's arrow, and the
    /// initializers of fields and properties. Nested types are not part of the type's bodies.</summary>
    private static IEnumerable<SyntaxNode> MemberParts(SyntaxNode member)
    {
        switch (member)
        {
            case BaseMethodDeclarationSyntax:
                yield return member;
                break;
            case BaseFieldDeclarationSyntax field:
                foreach (var variable in field.Declaration.Variables)
                {
                    if (variable.Initializer is { } initializer)
                    {
                        yield return initializer;
                    }
                }

                break;
            case BasePropertyDeclarationSyntax property:
                if (property is PropertyDeclarationSyntax { Initializer: { } propertyInitializer })
                {
                    yield return propertyInitializer;
                }

                if (property is PropertyDeclarationSyntax { ExpressionBody: { } arrow })
                {
                    yield return arrow;
                }

                foreach (var accessor in property.AccessorList?.Accessors ?? default)
                {
                    yield return accessor;
                }

                break;
        }
    }

    private static bool IsBodyOwner(SyntaxNode node) =>
        node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
            or EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax or ParameterSyntax }
            or EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax } }
            or ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax };

    /// <summary>The bodies that hold a local function or lambda: the member body it is declared in.</summary>
    private IEnumerable<IOperation> EnclosingBodies(IMethodSymbol function)
    {
        foreach (var reference in function.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != _model.SyntaxTree)
            {
                continue;
            }

            // Walk up from the function's syntax to the node the semantic model gives the member body for.
            for (var node = reference.GetSyntax(_cancellation).Parent; node is not null; node = node.Parent)
            {
                if (IsBodyOwner(node))
                {
                    if (_model.GetOperation(node, _cancellation) is { } operation)
                    {
                        yield return operation;
                    }

                    break;
                }
            }
        }
    }

    /// <summary>The operations of <paramref name="body"/> that run in it, not in a nested lambda or local function.</summary>
    private static IEnumerable<IOperation> OwnDescendants(IOperation body)
    {
        var pending = new Stack<IOperation>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            yield return current;
            foreach (var child in current.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }
    }
}
