namespace ModelGen.Internal;

/// <summary>What the data says of a member kept from it: its serialized name and type name (docs/format.md §5), and,
/// when a format-2 schema table gave them, that table and the entry of the objects inside the value (so that their
/// fields can be named too). Format-1 fields have none.</summary>
internal sealed class KeptDescription(string name, string type, SchemaTable? table, int modelRef)
{
    public string Name { get; } = name;
    public string Type { get; } = type;
    public SchemaTable? Table { get; } = table;
    public int ModelRef { get; } = modelRef;

    /// <summary>True when <paramref name="name"/> is, or reads as (previous names, loose spellings), a member of
    /// <paramref name="reader"/>.</summary>
    public static bool Clashes(ModelSchema reader, string name)
    {
        foreach (ModelMemberSchema member in reader.Members)
        {
            if (LooseNames.Match(name, member.Name)) return true;
            foreach (string previous in member.PreviousNames)
                if (LooseNames.Match(name, previous)) return true;
        }
        return false;
    }

    /// <summary>Member <paramref name="member"/> of <paramref name="table"/>.</summary>
    public static KeptDescription Of(SchemaTable table, int member)
    {
        (string name, string type) = table.MemberText(member);
        return new KeptDescription(name, type, table, table.Members[member].ModelRef);
    }
}
