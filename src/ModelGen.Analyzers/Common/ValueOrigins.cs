using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ModelGen.Analyzers.Common;

/// <summary>A best-effort look at where a value comes from, within one method body: through implicit
/// conversions, conditionals and the assignments of locals. Enough to see that an <c>IFormatter</c> local
/// holds a <c>new BinaryFormatter()</c>, without a full data-flow analysis.</summary>
internal static class ValueOrigins
{
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

    /// <summary>Every expression that can flow into <paramref name="value"/>: itself when it is not a
    /// local, otherwise the initializer and the assigned values of that local, recursively.</summary>
    public static IEnumerable<IOperation> Of(IOperation value)
    {
        var visited = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<IOperation>();
        pending.Push(value);
        while (pending.Count > 0)
        {
            var current = Unwrap(pending.Pop());
            switch (current)
            {
                case ILocalReferenceOperation local:
                    if (visited.Add(local.Local))
                    {
                        foreach (var assigned in AssignedValues(local))
                        {
                            pending.Push(assigned);
                        }
                    }

                    break;
                case IConditionalOperation { WhenFalse: not null } conditional:
                    pending.Push(conditional.WhenTrue);
                    pending.Push(conditional.WhenFalse);
                    break;
                case ICoalesceOperation coalesce:
                    pending.Push(coalesce.Value);
                    pending.Push(coalesce.WhenNull);
                    break;
                default:
                    yield return current;
                    break;
            }
        }
    }

    /// <summary>The values a local is initialized with or assigned anywhere in its method body.</summary>
    public static IEnumerable<IOperation> AssignedValues(ILocalReferenceOperation reference)
    {
        var root = Root(reference);
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator
                    when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                    yield return initializer.Value;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    when SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                    yield return assignment.Value;
                    break;
            }
        }
    }

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }
}
