using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Emit;

internal static partial class ModelEmitter
{
    /// <summary>Where the readers keep one member before the value is built: fields of the value holder named after
    /// the member, so that a debugger shows <c>LearningRate</c> and <c>HasLearningRate</c>.</summary>
    private sealed class Slot
    {
        // Names the value holder and Build use for themselves; a member's storage never takes one of them.
        private static readonly string[] Reserved = ["Version", "Unknown", "Build", "BuildComplete", "result", "proto", "target", "migration", "e", "errors", "Values"];

        private Slot(MemberSpec member, int index, string name)
        {
            Member = member;
            Index = index;
            Name = name;
            Value = SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
            Has = "Has" + name;
            ByCurrentName = name + "ByCurrentName";
            NullError = name + "NullError";
        }

        // The storage name without '@'.
        private string Name { get; }

        public MemberSpec Member { get; }

        /// <summary>The member's position in the model, which the dictionary reader's name lookup returns.</summary>
        public int Index { get; }

        /// <summary>The value read.</summary>
        public string Value { get; }

        /// <summary>Whether the input had the member.</summary>
        public string Has { get; }

        /// <summary>Whether the value came under the current name or key (it then wins over a previous one).</summary>
        public string ByCurrentName { get; }

        /// <summary>A null under a previous name for a member that cannot be null: thrown by Build unless the current
        /// name or key appears too.</summary>
        public string NullError { get; }

        /// <summary>The member was read under other names or keys before: readers track which name they read.</summary>
        public bool HasPrevious => Member.PreviousNames.Count > 0 || Member.PreviousKeys.Count > 0;

        /// <summary>A null read under a previous name or key is kept as an error until the current one appears.</summary>
        public bool KeepsNullError => HasPrevious && !Member.IsNullable;

        // The names taken so far: a set of the thread's, emptied for each model (a new one for each, grown member by
        // member, was half of what naming the slots allocated).
        [System.ThreadStatic] private static HashSet<string>? s_taken;

        public static IReadOnlyList<Slot> For(ModelSpec model)
        {
            HashSet<string> taken = s_taken ??= new HashSet<string>(System.StringComparer.Ordinal);
            taken.Clear();
            taken.UnionWith(Reserved);
            var slots = new List<Slot>(model.Members.Count);
            for (int i = 0; i < model.Members.Count; i++)
            {
                var slot = new Slot(model.Members[i], i, model.Members[i].ClrName.TrimStart('@'));
                // Two members whose storage names would meet (a member 'X' and a member 'HasX', or one named 'Version')
                // keep them apart by the member's position.
                if (!slot.IsFree(taken)) slot = new Slot(model.Members[i], i, slot.Name + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                taken.Add(slot.Name);
                taken.Add(slot.Has);
                taken.Add(slot.ByCurrentName);
                taken.Add(slot.NullError);
                slots.Add(slot);
            }
            return slots;
        }

        private bool IsFree(HashSet<string> taken) =>
            !taken.Contains(Name) && !taken.Contains(Has) && !taken.Contains(ByCurrentName) && !taken.Contains(NullError);
    }
}
