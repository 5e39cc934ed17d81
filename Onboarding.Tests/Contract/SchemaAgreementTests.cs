using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Onboarding.Application.Contract;
using Onboarding.Application.Development;
using Onboarding.Application.Http.Development;
using Onboarding.Application.Http.Journeys;
using Onboarding.Application.Http.Registration;
using Onboarding.Application.Http.Verification;
using Onboarding.Application.Http;
using Onboarding.Application.Registration;
using Onboarding.Application.Verification;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Registration;
using Onboarding.Domain.Validation;
using YamlDotNet.RepresentationModel;

namespace Onboarding.Tests.Contract;

/// <summary>
/// The document's schemas against the types the handlers serialise and deserialise with
/// <see cref="ApiJson.Options"/>: the same property names, the same nullability, the same enum values.
/// </summary>
public sealed class SchemaAgreementTests
{
    static readonly Dictionary<string, Type> Responses = new(StringComparer.Ordinal)
    {
        ["JourneyStatus"] = typeof(JourneyStatusView),
        ["VerificationStatus"] = typeof(VerificationView),
        ["LastError"] = typeof(ErrorView),
        ["StartJourneyResponse"] = typeof(StartJourneyResponse),
        ["OutboxMessage"] = typeof(OutboxMessageView),
        ["Transfer"] = typeof(TransferView),
    };

    static readonly Dictionary<string, Type> Requests = new(StringComparer.Ordinal)
    {
        ["StartJourneyRequest"] = typeof(StartJourneyRequest),
        ["PhoneCodeRequest"] = typeof(PhoneCodeRequest),
        ["EmailConfirmationRequest"] = typeof(EmailConfirmationRequest),
        ["ResendRequest"] = typeof(ResendRequest),
        ["ProfileRequest"] = typeof(ProfileRequest),
        ["VerificationRequest"] = typeof(VerificationRequest),
        ["DepositAmountsRequest"] = typeof(DepositAmountsRequest),
    };

    readonly OpenApiDocument document = OpenApiDocument.Load();

    [Theory]
    [InlineData("JourneyStatus")]
    [InlineData("VerificationStatus")]
    [InlineData("LastError")]
    [InlineData("StartJourneyResponse")]
    [InlineData("OutboxMessage")]
    [InlineData("Transfer")]
    public void ResponseSchema_Properties_AreTheSerialisedMembersAllRequiredWithTheirNullability(string schemaName)
    {
        YamlMappingNode schema = document.Schema(schemaName);
        JsonTypeInfo type = ApiJson.Options.GetTypeInfo(Responses[schemaName]);

        Assert.Equal(
            type.Properties.Select(property => property.Name).Order(StringComparer.Ordinal),
            OpenApiDocument.Keys(OpenApiDocument.Map(schema, "properties")).Order(StringComparer.Ordinal));
        // Nulls are written, never omitted: every member is present in every response.
        Assert.Equal(
            type.Properties.Select(property => property.Name).Order(StringComparer.Ordinal),
            OpenApiDocument.Strings(OpenApiDocument.Child(schema, "required")).Order(StringComparer.Ordinal));
        var nullability = new NullabilityInfoContext();
        foreach (JsonPropertyInfo property in type.Properties)
        {
            PropertyInfo member = Assert.IsAssignableFrom<PropertyInfo>(property.AttributeProvider);
            bool nullable = Nullable.GetUnderlyingType(member.PropertyType) is not null
                || (!member.PropertyType.IsValueType && nullability.Create(member).ReadState == NullabilityState.Nullable);
            YamlMappingNode propertySchema = (YamlMappingNode)OpenApiDocument.Map(schema, "properties")!.Children[new YamlScalarNode(property.Name)];
            Assert.True(nullable == AllowsNull(propertySchema),
                $"{schemaName}.{property.Name}: the code's type is {(nullable ? "nullable" : "not nullable")}, the schema {(AllowsNull(propertySchema) ? "allows" : "does not allow")} null.");
        }
    }

    [Theory]
    [InlineData("StartJourneyRequest")]
    [InlineData("PhoneCodeRequest")]
    [InlineData("EmailConfirmationRequest")]
    [InlineData("ProfileRequest")]
    [InlineData("ResendRequest")]
    [InlineData("VerificationRequest")]
    [InlineData("DepositAmountsRequest")]
    public void RequestSchema_Properties_AreTheDeserialisedMembersAndNoOthers(string schemaName)
    {
        YamlMappingNode schema = document.Schema(schemaName);
        JsonTypeInfo type = ApiJson.Options.GetTypeInfo(Requests[schemaName]);

        Assert.Equal(
            type.Properties.Select(property => property.Name).Order(StringComparer.Ordinal),
            OpenApiDocument.Keys(OpenApiDocument.Map(schema, "properties")).Order(StringComparer.Ordinal));
        // Unknown members are rejected with 400 validation-failed.
        Assert.Equal("false", OpenApiDocument.Scalar(schema, "additionalProperties"));
        Assert.All(OpenApiDocument.Strings(OpenApiDocument.Child(schema, "required")),
            required => Assert.Contains(required, OpenApiDocument.Keys(OpenApiDocument.Map(schema, "properties"))));
    }

    [Fact]
    public void JourneyStageSchema_Enum_IsEveryStageAsSerialised()
    {
        Assert.Equal(
            Enum.GetValues<JourneyStage>().Select(Serialised),
            OpenApiDocument.Strings(OpenApiDocument.Child(document.Schema("JourneyStage"), "enum")));
    }

    [Fact]
    public void LastOutcomeSchema_Enum_IsEveryOutcomeAsSerialisedOrNull()
    {
        YamlNode lastOutcome = OpenApiDocument.Map(OpenApiDocument.Map(document.Schema("VerificationStatus"), "properties"), "lastOutcome")!;

        Assert.Equal(
            Enum.GetValues<VerificationOutcome>().Select(Serialised).Order(StringComparer.Ordinal),
            OpenApiDocument.Strings(OpenApiDocument.Child(lastOutcome, "enum")).Where(value => value is not (null or "" or "null" or "~")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LastErrorCodeSchema_Enum_IsEveryJourneyErrorCode()
    {
        string[] codes = typeof(JourneyErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToArray();
        YamlNode code = OpenApiDocument.Map(OpenApiDocument.Map(document.Schema("LastError"), "properties"), "code")!;

        Assert.Equal(
            codes.Order(StringComparer.Ordinal),
            OpenApiDocument.Strings(OpenApiDocument.Child(code, "enum")).Where(value => value is not (null or "" or "null" or "~")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LanguageSchema_Enum_IsEverySupportedLanguage()
    {
        Assert.Equal(Languages.All, OpenApiDocument.Strings(OpenApiDocument.Child(document.Schema("Language"), "enum")));
    }

    public static TheoryData<string> ProblemKinds() => ["validation", "stage-mismatch", "too-many-requests", "journey-not-found", "unavailable"];

    [Theory]
    [MemberData(nameof(ProblemKinds))]
    public async Task ProblemSchema_WrittenProblem_HasOnlyDocumentedMembersAndTheRequiredOnes(string kind)
    {
        ApiProblem problem = kind switch
        {
            "validation" => Problems.Validation(Errors("code", "Must be the 6-digit code from the SMS.")),
            "stage-mismatch" => Problems.StageMismatch(JourneyStage.Registered),
            "too-many-requests" => Problems.NoTriesLeft(JourneyAllowances.Resends, TimeSpan.FromSeconds(30)),
            "journey-not-found" => Problems.JourneyNotFound(),
            _ => Problems.Unavailable(),
        };
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await ApiCall.ProblemResult(problem).ExecuteAsync(context);

        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal(problem.RetryAfter is not null, context.Response.Headers.RetryAfter.Count > 0);
        context.Response.Body.Position = 0;
        using JsonDocument body = await JsonDocument.ParseAsync(context.Response.Body);
        YamlMappingNode schema = document.Schema("Problem");
        string[] members = body.RootElement.EnumerateObject().Select(member => member.Name).ToArray();
        Assert.All(members, member => Assert.Contains(member, OpenApiDocument.Keys(OpenApiDocument.Map(schema, "properties"))));
        Assert.All(OpenApiDocument.Strings(OpenApiDocument.Child(schema, "required")), required => Assert.Contains(required!, members));
        Assert.Equal(problem.Status, body.RootElement.GetProperty("status").GetInt32());
    }

    static string Serialised<T>(T value) => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value, ApiJson.Options))!;

    static ValidationErrors Errors(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }

    /// <summary>Whether a property schema admits null (3.1 type lists, <c>oneOf</c>/<c>anyOf</c> with a null branch, or 3.0 <c>nullable</c>).</summary>
    bool AllowsNull(YamlMappingNode propertySchema)
    {
        YamlMappingNode schema = propertySchema;
        if (OpenApiDocument.Scalar(schema, "nullable") == "true" || OpenApiDocument.Strings(OpenApiDocument.Child(schema, "type")).Contains("null"))
        {
            return true;
        }

        foreach (string combinator in new[] { "oneOf", "anyOf" })
        {
            if (OpenApiDocument.Child(schema, combinator) is YamlSequenceNode branches
                && branches.Children.OfType<YamlMappingNode>().Any(branch => AllowsNull(document.Resolve(branch))))
            {
                return true;
            }
        }

        return false;
    }
}
