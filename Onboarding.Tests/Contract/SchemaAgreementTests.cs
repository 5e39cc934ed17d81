using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Application.Contract;
using Onboarding.Development;
using Onboarding.Application.Journeys.Http;
using Onboarding.Application.Operators.Http;
using Onboarding.Application.Registration.Http;
using Onboarding.Application.Verification.Http;
using Onboarding.Application.Http;
using Onboarding.Application.Operators;
using Onboarding.Application.Verification;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Registration;
using Onboarding.Domain.Validation;
using Microsoft.DurableTask.Client;
using Microsoft.OpenApi;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Contract;

/// <summary>
/// The document's schemas against the types the handlers serialise and deserialise with
/// <see cref="ApiJson.Options"/>: the same property names, the same nullability, the same enum values.
/// </summary>
[Trait(Lanes.Lane, Lanes.Fast)]
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
        ["OperatorJourney"] = typeof(OperatorJourneyView),
        ["AuditEvent"] = typeof(AuditEventView),
        ["JourneyPage"] = typeof(JourneyPage),
        ["Funnel"] = typeof(Funnel),
        ["Health"] = typeof(HealthView),
        ["HealthDependencies"] = typeof(HealthDependencies),
        ["JourneyEventPage"] = typeof(Onboarding.Application.Events.Http.JourneyEventPage),
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
        ["TerminateRequest"] = typeof(TerminateRequest),
    };

    readonly OpenApiDocument document = ContractDocument.Load();

    [Theory]
    [InlineData("JourneyStatus")]
    [InlineData("VerificationStatus")]
    [InlineData("LastError")]
    [InlineData("StartJourneyResponse")]
    [InlineData("OutboxMessage")]
    [InlineData("Transfer")]
    [InlineData("OperatorJourney")]
    [InlineData("AuditEvent")]
    [InlineData("JourneyPage")]
    [InlineData("Funnel")]
    [InlineData("Health")]
    [InlineData("HealthDependencies")]
    [InlineData("JourneyEventPage")]
    public void ResponseSchema_Properties_AreTheSerialisedMembersRequiredUnlessLeftOutWhenNullWithTheirNullability(string schemaName)
    {
        IOpenApiSchema schema = ContractDocument.Schema(document, schemaName);
        JsonTypeInfo type = ApiJson.Options.GetTypeInfo(Responses[schemaName]);
        Dictionary<string, IOpenApiSchema> properties = ContractDocument.Properties(schema).ToDictionary(StringComparer.Ordinal);

        Assert.Equal(
            type.Properties.Select(property => property.Name).Order(StringComparer.Ordinal),
            properties.Keys.Order(StringComparer.Ordinal));
        // Nulls are written, never omitted, except by a member marked to be left out when null
        // (the operators' events, in the detail view only): every other member is in every response.
        Assert.Equal(
            type.Properties.Where(property => !LeftOutWhenNull(property)).Select(property => property.Name).Order(StringComparer.Ordinal),
            ContractDocument.Required(schema).Order(StringComparer.Ordinal));
        var nullability = new NullabilityInfoContext();
        foreach (JsonPropertyInfo property in type.Properties)
        {
            PropertyInfo member = Assert.IsAssignableFrom<PropertyInfo>(property.AttributeProvider);
            bool nullable = Nullable.GetUnderlyingType(member.PropertyType) is not null
                || (!member.PropertyType.IsValueType && nullability.Create(member).ReadState == NullabilityState.Nullable);
            bool allowsNull = ContractDocument.AllowsNull(properties[property.Name]);
            if (LeftOutWhenNull(property))
            {
                Assert.True(nullable && !allowsNull, $"{schemaName}.{property.Name}: left out when null, so nullable in the code and never null in the schema.");
                continue;
            }

            Assert.True(nullable == allowsNull,
                $"{schemaName}.{property.Name}: the code's type is {(nullable ? "nullable" : "not nullable")}, the schema {(allowsNull ? "allows" : "does not allow")} null.");
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
    [InlineData("TerminateRequest")]
    public void RequestSchema_Properties_AreTheDeserialisedMembersAndNoOthers(string schemaName)
    {
        IOpenApiSchema schema = ContractDocument.Schema(document, schemaName);
        JsonTypeInfo type = ApiJson.Options.GetTypeInfo(Requests[schemaName]);

        Assert.Equal(
            type.Properties.Select(property => property.Name).Order(StringComparer.Ordinal),
            (schema.Properties?.Keys ?? []).Order(StringComparer.Ordinal));
        // Unknown members are rejected with 400 validation-failed.
        Assert.False(schema.AdditionalPropertiesAllowed);
        Assert.All(schema.Required ?? new HashSet<string>(), required => Assert.Contains(required, schema.Properties?.Keys ?? []));
    }

    [Fact]
    public void JourneyStageSchema_Enum_IsEveryStageAsSerialised()
    {
        Assert.Equal(
            JourneyStages.InJourneyOrder.Select(Serialised),
            ContractDocument.EnumValues(ContractDocument.Schema(document, "JourneyStage")));
    }

    [Fact]
    public void LastOutcomeSchema_Enum_IsEveryOutcomeAsSerialisedOrNull() =>
        AssertEnum(Enum.GetValues<VerificationOutcome>().Select(Serialised), ContractDocument.Schema(document, "VerificationStatus").Properties!["lastOutcome"]);

    [Fact]
    public void LastErrorCodeSchema_Enum_IsEveryJourneyErrorCode() =>
        AssertEnum(Constants(typeof(JourneyErrorCodes)), ContractDocument.Schema(document, "LastError").Properties!["code"]);

    [Fact]
    public void RuntimeStatusSchema_Enum_IsEveryDurableStatusAsSerialisedOrNull() =>
        AssertEnum(
            Enum.GetValues<OrchestrationRuntimeStatus>().Select(Serialised),
            ContractDocument.Properties(ContractDocument.Schema(document, "OperatorJourney")).Single(property => property.Key == "runtimeStatus").Value);

    [Fact]
    public void AuditEventTypeSchema_Enum_IsEveryAuditEventType() =>
        AssertEnum(Constants(typeof(AuditEventTypes)), ContractDocument.Schema(document, "AuditEvent").Properties!["type"]);

    [Fact]
    public void JourneyEventTypes_SchemaEnumAndWebhooks_AreEveryPublishedType()
    {
        AssertEnum(Onboarding.Application.Events.JourneyEventTypes.All, ContractDocument.Schema(document, "JourneyCloudEvent").Properties!["type"]);
        Assert.Equal(
            Onboarding.Application.Events.JourneyEventTypes.All.Order(StringComparer.Ordinal),
            (document.Webhooks?.Keys ?? []).Order(StringComparer.Ordinal));
    }

    /// <summary>The schema's enum, null aside, is exactly these values.</summary>
    static void AssertEnum(IEnumerable<string> expected, IOpenApiSchema schema) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), ContractDocument.EnumValues(schema).OfType<string>().Order(StringComparer.Ordinal));

    /// <summary>The values of a class's <c>public const string</c> fields.</summary>
    static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(field => field.IsLiteral).Select(field => (string)field.GetRawConstantValue()!);

    [Fact]
    public void LanguageSchema_Enum_IsEverySupportedLanguage()
    {
        Assert.Equal(Languages.All, ContractDocument.EnumValues(ContractDocument.Schema(document, "Language")));
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
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        await problem.ToResult().ExecuteAsync(context);

        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal(problem.RetryAfter is not null, context.Response.Headers.RetryAfter.Count > 0);
        context.Response.Body.Position = 0;
        using JsonDocument body = await JsonDocument.ParseAsync(context.Response.Body);
        IOpenApiSchema schema = ContractDocument.Schema(document, "Problem");
        string[] members = body.RootElement.EnumerateObject().Select(member => member.Name).ToArray();
        Assert.All(members, member => Assert.Contains(member, schema.Properties?.Keys ?? []));
        Assert.All(schema.Required ?? new HashSet<string>(), required => Assert.Contains(required, members));
        Assert.Equal(problem.Status, body.RootElement.GetProperty("status").GetInt32());
    }

    static string Serialised<T>(T value) => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value, ApiJson.Options))!;

    static ValidationErrors Errors(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }

    /// <summary>Whether the member is left out of the JSON when it is null (<c>JsonIgnoreCondition.WhenWritingNull</c>).</summary>
    static bool LeftOutWhenNull(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true).OfType<JsonIgnoreAttribute>()
            .Any(ignore => ignore.Condition == JsonIgnoreCondition.WhenWritingNull) == true;
}
