using System;
using System.ComponentModel;
using System.Linq;
using System.Reflection;
using Xunit;

namespace ModelGen.Tests;

/// <summary><c>using ModelGen;</c> brings only the user API into user code; what generated code needs lives in
/// <c>ModelGen.Internal</c>, hidden from IntelliSense, so short names such as <c>Codec</c> or <c>Sequence</c> never
/// clash with names in ML code.</summary>
public sealed class PublicSurfaceTests
{
    private static readonly Type[] Exported = typeof(ModelSerializer).Assembly.GetExportedTypes();

    [Fact]
    public void The_ModelGen_namespace_holds_only_the_user_API()
    {
        string[] expected =
        [
            "HyperparametersAttribute", "IModelSerializable`1", "IValidatedModel", "ModelDictionary", "ModelFile", "ModelFormatException",
            "ModelIgnoreAttribute", "ModelJson", "ModelJsonOptions", "ModelMemberAttribute", "ModelMemberSchema", "ModelMigration", "ModelNaming",
            "ModelMigrationAttribute", "ModelSchema", "ModelSerializer", "ModelSerializerOptions", "ModelUnionAttribute",
            "ModelEquality", "ModelUnionCase", "ModelValidation", "ModelValidationError", "PreviousNameAttribute", "SerializableModelAttribute",
            "ModelForms", "UnknownMember", // ModelSerializer.GetUnknownMembers: what a value kept from newer data
            "KeptMembers", // the field a struct model declares to keep members of newer versions
            "JsonModelConverter`1", "JsonModelConverterFactory", // System.Text.Json integration
        ];
        string[] actual = Exported.Where(t => t.Namespace == "ModelGen").Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual);
    }

    [Fact]
    public void Every_public_type_is_in_ModelGen_or_hidden_in_ModelGen_Internal()
    {
        foreach (Type type in Exported.Where(t => !t.IsNested && t.Namespace != "ModelGen"))
        {
            Assert.Equal("ModelGen.Internal", type.Namespace);
            var browsable = type.GetCustomAttribute<EditorBrowsableAttribute>();
            Assert.True(browsable?.State == EditorBrowsableState.Never, $"{type} is not hidden from IntelliSense");
        }
    }

    [Fact]
    public void Members_of_user_types_that_only_generated_code_calls_are_hidden()
    {
        string[] plumbing = ["AddMember", "AddOffset", "AddElement", "InMember", "MissingMember", "Invalid", "Construction"];
        foreach (string name in plumbing)
        {
            MethodInfo method = typeof(ModelFormatException).GetMethods().First(m => m.Name == name);
            Assert.Equal(EditorBrowsableState.Never, method.GetCustomAttribute<EditorBrowsableAttribute>()?.State);
        }
        ConstructorInfo migration = typeof(ModelMigration).GetConstructors().Single();
        Assert.Equal(EditorBrowsableState.Never, migration.GetCustomAttribute<EditorBrowsableAttribute>()?.State);
    }
}
