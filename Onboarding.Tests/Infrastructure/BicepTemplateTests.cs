using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Application.Configuration;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// infra/main.bicep builds and lints without a single warning, and the Function App it declares
/// carries every setting the code reads in production. Offline: the Bicep CLI comes from NuGet.
/// </summary>
public sealed class BicepTemplateTests(BicepTemplateFixture bicep) : IClassFixture<BicepTemplateFixture>
{
    [Fact]
    public void Build_MainTemplate_PrintsNothing()
    {
        Assert.True(bicep.Build.IsClean, bicep.Build.Describe());
    }

    [Fact]
    public void Lint_MainTemplate_PrintsNothing()
    {
        Assert.True(bicep.Lint.IsClean, bicep.Lint.Describe());
    }

    [Fact]
    public void BuildParams_DevParameters_PrintsNothing()
    {
        Assert.True(bicep.BuildParams.IsClean, bicep.BuildParams.Describe());
    }

    [Fact]
    public void BuildParams_DevParametersWithoutEnvironment_CarryNoHmacKey()
    {
        // Arrange: the fixture built the file with no ONBOARDING_* variable set.
        JsonNode parameters = bicep.CompiledDevParameters["parameters"]!;

        // Act
        string? hmacKey = parameters["hmacKey"]?["value"]?.GetValue<string>();

        // Assert: the key comes from the deployer's environment, never from the repository.
        Assert.Equal("", hmacKey);
    }

    [Fact]
    public void AppSettings_MainTemplate_SetEveryKeyProductionReads()
    {
        // Arrange
        IReadOnlyList<string> required = ProductionSettings.Required();

        // Act
        JsonObject settings = FunctionAppSettings();

        // Assert
        string[] missing = required.Where(key => !settings.ContainsKey(key)).ToArray();
        Assert.True(missing.Length == 0, $"infra/modules/appSettings.bicep does not set: {string.Join(", ", missing)}");
        Assert.Contains("TaskHubName", required); // derived from host.json's %TaskHubName%
        Assert.Contains("Journey__DepositWindow", required); // derived from JourneyOptions
    }

    [Fact]
    public void AppSettings_MainTemplate_LeaveDeliberatelyUnsetKeysUnset()
    {
        // Arrange
        IReadOnlyList<string> readByTheApp = ProductionSettings.ReadByTheApp();

        // Act
        JsonObject settings = FunctionAppSettings();

        // Assert: the list names settings the app really reads, and production sets none of them.
        Assert.All(ProductionSettings.DeliberatelyUnset.Keys, key => Assert.Contains(key, readByTheApp));
        Assert.All(
            ProductionSettings.DeliberatelyUnset,
            unset => Assert.False(settings.ContainsKey(unset.Key), $"{unset.Key} is set, but {unset.Value}."));
    }

    [Fact]
    public void AppSettings_MainTemplate_UseIdentityAndKeyVaultForSecrets()
    {
        // Act
        JsonObject settings = FunctionAppSettings();

        // Assert
        Assert.Equal("managedidentity", Value(settings, "AzureWebJobsStorage__credential"));
        Assert.Equal("Authorization=AAD", Value(settings, "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", Value(settings, "Onboarding__HmacKey"), StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", Value(settings, "Onboarding__PreviousHmacKey"), StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", Value(settings, "Onboarding__LookupKey"), StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", Value(settings, "Onboarding__FieldKey"), StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", Value(settings, "Onboarding__PreviousFieldKey"), StringComparison.Ordinal);
        Assert.DoesNotContain(
            settings,
            setting => setting.Key.EndsWith("ConnectionString", StringComparison.Ordinal) && setting.Key != "APPLICATIONINSIGHTS_CONNECTION_STRING");
    }

    [Fact]
    public void AppSettings_DevelopmentRoutes_AreOffAndTheirFunctionsDisabledOnBothApps()
    {
        // Arrange: the functions the build bound to a dev/ route of ApiRoutes.
        IReadOnlySet<string> devRoutes = ProductionSettings.DevelopmentRoutes();
        var devFunctions = ProductionSettings.HttpTriggers().Where(trigger => devRoutes.Contains(trigger.Route)).ToList();

        // Act
        JsonObject settings = FunctionAppSettings();

        // Assert
        Assert.Equal(devRoutes.Order(StringComparer.Ordinal), devFunctions.Select(trigger => trigger.Route).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("false", Value(settings, "Onboarding__EnableDevelopmentRoutes"));
        Assert.All(devFunctions, trigger =>
        {
            Assert.Contains(trigger.Function, DisabledFunctions("publicAppDisabledFunctions"));
            Assert.Contains(trigger.Function, DisabledFunctions("operatorsAppDisabledFunctions"));
        });
    }

    [Fact]
    public void AppSettings_EveryFunctionOfTheBuild_HasItsDisabledSwitch()
    {
        // Arrange
        string[] functions = Contract.FunctionsMetadata.Load().Functions.Select(function => function.Name).ToArray();

        // Act
        JsonObject settings = FunctionAppSettings();

        // Assert: each app decides for every function, so a new one cannot slip onto the operators' app.
        string[] switches = settings.Select(setting => setting.Key).Where(key => key.StartsWith("AzureWebJobs.", StringComparison.Ordinal) && key.EndsWith(".Disabled", StringComparison.Ordinal))
            .Select(key => key["AzureWebJobs.".Length..^".Disabled".Length]).ToArray();
        Assert.Equal(functions.Order(StringComparer.Ordinal), switches.Order(StringComparer.Ordinal));
        Assert.All(switches, name => Assert.Contains($"contains(parameters('disabledFunctions'), '{name}')", Value(settings, $"AzureWebJobs.{name}.Disabled"), StringComparison.Ordinal));
    }

    /// <summary>A list of function names that main.bicep disables on one of its apps.</summary>
    string[] DisabledFunctions(string variable) =>
        bicep.CompiledTemplate["variables"]![variable]!.AsArray().Select(name => name!.GetValue<string>()).ToArray();

    [Fact]
    public void JourneyDefaults_MainTemplate_MatchJourneyOptionsDefaults() =>
        // The template's production defaults are the code's, setting for setting.
        AssertDefaultsMatch("journey", new JourneyOptions(), JourneyOptions.SectionName);

    [Fact]
    public void LimitDefaults_MainTemplate_MatchLimitsOptionsDefaults() =>
        // Production runs the limits the README documents.
        AssertDefaultsMatch("limits", new LimitsOptions(), LimitsOptions.SectionName);

    /// <summary>The template parameter's default object against the options class's defaults (minus the deliberately unset settings).</summary>
    void AssertDefaultsMatch(string parameter, object defaults, string section)
    {
        JsonObject template = bicep.CompiledTemplate["parameters"]![parameter]!["defaultValue"]!.AsObject();

        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (PropertyInfo property in defaults.GetType().GetProperties().Where(property => property.SetMethod is { IsPublic: true }))
        {
            if (!ProductionSettings.DeliberatelyUnset.ContainsKey($"{section}__{property.Name}"))
            {
                expected[property.Name] = Convert.ToString(property.GetValue(defaults), CultureInfo.InvariantCulture)!;
            }
        }

        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, JsonNode? value) in template)
        {
            actual[name] = value!.GetValueKind() != JsonValueKind.String ? value.ToJsonString()
                : TimeSpan.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, out TimeSpan period) ? period.ToString()
                : value.GetValue<string>();
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void RetentionDefaults_MainTemplate_MatchRetentionOptionsDefaults() =>
        // The production periods are the code's, period for period.
        AssertDefaultsMatch("retention", new RetentionOptions(), RetentionOptions.SectionName);

    [Fact]
    public void NetworkIsolation_MainTemplate_OnByDefaultWithPrivateEndpointsAndAnIntegratedApp()
    {
        // Act
        JsonNode isolation = bicep.CompiledTemplate["parameters"]!["networkIsolation"]!;
        JsonObject[] resources = Descendants(bicep.CompiledTemplate).ToArray();

        // Assert: on unless a deployment turns it off; storage and Key Vault close their public endpoints
        // with it, private endpoints of both in a subnet, and the app integrated into its delegated subnet.
        Assert.True(isolation["defaultValue"]!.GetValue<bool>());
        Assert.All(resources.Where(node => Text(node["type"]) is "Microsoft.Storage/storageAccounts" or "Microsoft.KeyVault/vaults" && node["properties"]?["publicNetworkAccess"] is not null),
            node => Assert.Contains("'Disabled'", Text(node["properties"]!["publicNetworkAccess"]), StringComparison.Ordinal));
        Assert.Contains(resources, node => Text(node["type"]) == "Microsoft.Network/privateEndpoints");
        Assert.Contains(resources, node => Text(node["type"]) == "Microsoft.Network/privateDnsZones/virtualNetworkLinks");
        Assert.Contains("Microsoft.App/environments", bicep.CompiledTemplate.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(resources, node => Text(node["type"]) == "Microsoft.Web/sites" && node["properties"]?["virtualNetworkSubnetId"] is not null);
        Assert.Contains(resources, node => node["variables"]?["storageServices"] is JsonArray services
            && services.Select(service => service!.GetValue<string>()).Order(StringComparer.Ordinal).SequenceEqual(["blob", "queue", "table"]));
    }

    [Fact]
    public void Diagnostics_MainTemplate_KeyVaultStorageFunctionsAndCommunicationLogToTheWorkspace()
    {
        // Act
        string[] scopes = Descendants(bicep.CompiledTemplate)
            .Where(node => Text(node["type"]) == "Microsoft.Insights/diagnosticSettings")
            .Select(node => Text(node["scope"]) ?? "")
            .ToArray();

        // Assert
        foreach (string scope in new[] { "Microsoft.KeyVault/vaults", "Microsoft.Storage/storageAccounts/blobServices", "Microsoft.Storage/storageAccounts/queueServices",
            "Microsoft.Storage/storageAccounts/tableServices", "Microsoft.Web/sites", "Microsoft.Communication/communicationServices" })
        {
            Assert.Contains(scopes, text => text.Contains($"'{scope}'", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void AppSettings_AbuseControls_TrustTheLoopbackProxyAndKeepSecretsInKeyVault()
    {
        // Act
        JsonObject settings = FunctionAppSettings();

        // Assert
        Assert.Equal("127.0.0.1", Value(settings, "Network__TrustedProxies__0"));
        Assert.Equal("::1", Value(settings, "Network__TrustedProxies__1"));
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", Value(settings, "HumanCheck__SecretKey"), StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", Value(settings, "Operator__Key"), StringComparison.Ordinal);
        // The principal header is believed only on the app that requires sign-in (FlexTemplateTests).
        Assert.Contains("trustPlatformPrincipal", Value(settings, "Operator__TrustPlatformPrincipal"), StringComparison.Ordinal);
    }

    [Fact]
    public void Resources_MainTemplate_DeclareOperatorSignInAndTheSmsAlert()
    {
        // Act
        string template = bicep.CompiledTemplate.ToJsonString();

        // Assert
        Assert.Contains("authsettingsV2", template, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Insights/metricAlerts", template, StringComparison.Ordinal);
        Assert.Contains("onboarding.sms.sent", template, StringComparison.Ordinal);
    }

    JsonObject FunctionAppSettings() => bicep.AppSettings();

    static string Value(JsonObject settings, string key)
    {
        Assert.True(settings.ContainsKey(key), $"{key} is not set.");
        return settings[key]!.GetValue<string>();
    }

    static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    static IEnumerable<JsonObject> Descendants(JsonNode? node) => BicepTemplateFixture.Descendants(node);
}
