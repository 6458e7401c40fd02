using System.Linq;
using ModelGen.Schema;

namespace ModelGen.Generator.Model;

/// <summary>The schema document entry of a parsed model: what the generated <c>Schema</c> describes, in the form of
/// <c>ModelSchema.ToJson()</c> and the lock file (one writer, src/ModelGen/Schema/SchemaDocument.cs).</summary>
internal static class SchemaEntries
{
    public static SchemaEntry From(ModelSpec model) => new()
    {
        Name = model.ModelName,
        Version = model.Version,
        Fingerprint = model.Fingerprint,
        Members = model.Members.Select(m => new MemberEntry
        {
            Name = m.Name, Key = m.Key, Type = m.SchemaType, Required = m.IsRequired, PreviousNames = m.PreviousNames.ToList(),
        }).ToList(),
        UnionCases = model.IsAbstract ? model.UnionCases.Select(c => new UnionCaseEntry { Tag = c.Tag, Model = c.ModelName }).ToList() : new(),
    };
}
