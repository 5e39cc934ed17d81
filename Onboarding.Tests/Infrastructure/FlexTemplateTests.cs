using System.Text.Json.Nodes;
using Onboarding.Tests.Contract;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// What the compiled template asks of Flex Consumption, read offline: nothing the plan rejects or
/// ignores, warm instances for both scale groups users wait on, room for open event streams on an
/// instance, and operator sign-in on an app of its own that serves nothing but the operators'
/// surface (docs/decisions/0020-operators-sign-in-in-their-own-app.md).
/// </summary>
public sealed class FlexTemplateTests(BicepTemplateFixture bicep) : IClassFixture<BicepTemplateFixture>
{
    [Fact]
    public void Sites_CompiledTemplate_CarryNoPropertyFlexConsumptionRejectsOrDeprecates()
    {
        var failures = new List<string>();
        foreach (JsonObject site in Resources("Microsoft.Web/sites").Where(site => site["properties"]?["functionAppConfig"] is not null))
        {
            JsonObject properties = site["properties"]!.AsObject();
            IEnumerable<string> keys = properties.Select(property => property.Key)
                .Concat(properties["siteConfig"] is JsonObject siteConfig ? siteConfig.Select(property => property.Key) : []);
            failures.AddRange(keys.Where(FlexConsumptionDeprecations.SiteProperties.ContainsKey)
                .Select(key => $"{site["name"]}: {key} ({FlexConsumptionDeprecations.SiteProperties[key]})"));
        }

        foreach (JsonObject settings in Resources("Microsoft.Web/sites/config").Where(config => config["name"]?.ToString().Contains("appsettings", StringComparison.Ordinal) == true))
        {
            failures.AddRange(settings["properties"]!.AsObject().Select(setting => setting.Key).Where(FlexConsumptionDeprecations.AppSettings.ContainsKey)
                .Select(key => $"app setting {key} ({FlexConsumptionDeprecations.AppSettings[key]})"));
        }

        Assert.NotEmpty(Resources("Microsoft.Web/sites"));
        Assert.True(failures.Count == 0, "Flex Consumption rejects or ignores:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void Sites_CompiledTemplate_HttpsOnlyOnFlexConsumption()
    {
        JsonObject[] sites = Resources("Microsoft.Web/sites").Where(site => site["properties"]?["functionAppConfig"] is not null).ToArray();
        JsonObject[] plans = Resources("Microsoft.Web/serverfarms").ToArray();

        Assert.All(sites, site => Assert.True(site["properties"]!["httpsOnly"]!.GetValue<bool>()));
        Assert.All(plans, plan => Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.GetValue<string>()));
    }

    [Fact]
    public void AlwaysReady_Default_KeepsTheHttpAndDurableGroupsWarm()
    {
        // The docs promise no cold start for a user's request (http) nor for applying an input (durable).
        string[] groups = bicep.CompiledTemplate["parameters"]!["alwaysReady"]!["defaultValue"]!.AsArray()
            .Where(group => group!["instanceCount"]!.GetValue<int>() >= 1)
            .Select(group => group!["name"]!.GetValue<string>())
            .ToArray();

        Assert.Contains("http", groups);
        Assert.Contains("durable", groups);
    }

    [Fact]
    public void HttpConcurrency_PublicApp_FitsOpenEventStreamsOnAnInstance()
    {
        JsonObject site = Resources("Microsoft.Web/sites").First(site => site["properties"]?["functionAppConfig"] is not null);
        string perInstance = site["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!["triggers"]!["http"]!["perInstanceConcurrency"]!.ToString();
        int byDefault = bicep.CompiledTemplate["parameters"]!["httpPerInstanceConcurrency"]!["defaultValue"]!.GetValue<int>();

        Assert.Contains("httpPerInstanceConcurrency", perInstance, StringComparison.Ordinal);
        // Above the platform's default for a 2,048 MB instance (16): each open stream holds one invocation.
        Assert.True(byDefault > 16, $"httpPerInstanceConcurrency defaults to {byDefault}");
        Assert.Equal("[parameters('httpPerInstanceConcurrency')]", Deployment("onboarding-functionapp")["properties"]!["parameters"]!["httpPerInstanceConcurrency"]!["value"]!.ToString());
    }

    [Fact]
    public void OperatorSignIn_OnlyOnTheOperatorsApp_WhichRequiresIt()
    {
        // Arrange
        JsonObject access = Deployment("onboarding-operator-access");
        JsonObject auth = NestedResources(access).Single(resource => resource["type"]!.ToString() == "Microsoft.Web/sites/config");
        JsonObject validation = auth["properties"]!["globalValidation"]!.AsObject();

        // Assert: deployed with sign-in only, on the operators' app, and nothing passes unauthenticated.
        Assert.Equal("[variables('operatorSignIn')]", access["condition"]!.ToString());
        Assert.Contains("'operatorsApp'", access["properties"]!["parameters"]!["operatorsAppName"]!["value"]!.ToString(), StringComparison.Ordinal);
        Assert.True(validation["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("RedirectToLoginPage", validation["unauthenticatedClientAction"]!.GetValue<string>());
        Assert.Single(Resources("Microsoft.Web/sites/config"), config => config["name"]!.ToString().Contains("authsettingsV2", StringComparison.Ordinal));

        // Only the app behind sign-in believes the platform's principal header.
        Assert.False(AppSettingsParameter("onboarding-appsettings", "trustPlatformPrincipal").GetValue<bool>());
        Assert.True(AppSettingsParameter("onboarding-operators-appsettings", "trustPlatformPrincipal").GetValue<bool>());
        Assert.Equal("[variables('operatorSignIn')]", Deployment("onboarding-operators-appsettings")["condition"]!.ToString());
    }

    [Fact]
    public void DisabledFunctions_OperatorsApp_RunsOnlyTheOperatorsSurface()
    {
        // Arrange: the operators' surface as the build generated it.
        FunctionsMetadata functions = FunctionsMetadata.Load();
        string[] surface = functions.HttpTriggers()
            .Where(trigger => trigger.Trigger.Route is "ops" or "ops/{file}" or "api/health" || trigger.Trigger.Route!.StartsWith("api/ops/", StringComparison.Ordinal))
            .Select(trigger => trigger.Function.Name)
            .Distinct()
            .ToArray();
        string[] everything = functions.Functions.Select(function => function.Name).ToArray();

        // Act
        string[] disabled = Names("operatorsAppDisabledFunctions");

        // Assert: every journey route, orchestration, activity and timer is off there.
        Assert.Contains("ListJourneys", surface);
        Assert.Contains("OperatorPage", surface);
        Assert.Contains("OperatorPageFile", surface);
        Assert.Equal(everything.Except(surface).Order(StringComparer.Ordinal), disabled.Order(StringComparer.Ordinal));
        Assert.Equal("[variables('operatorsAppDisabledFunctions')]", AppSettingsParameter("onboarding-operators-appsettings", "disabledFunctions").ToString());
    }

    [Fact]
    public void DisabledFunctions_PublicApp_OnlyTheDevelopmentRoutes()
    {
        IReadOnlySet<string> devRoutes = ProductionSettings.DevelopmentRoutes();
        string[] devFunctions = FunctionsMetadata.Load().HttpTriggers().Where(trigger => devRoutes.Contains(trigger.Trigger.Route!)).Select(trigger => trigger.Function.Name).ToArray();

        Assert.Equal(devFunctions.Order(StringComparer.Ordinal), Names("publicAppDisabledFunctions").Order(StringComparer.Ordinal));
        Assert.Equal("[variables('publicAppDisabledFunctions')]", AppSettingsParameter("onboarding-appsettings", "disabledFunctions").ToString());
    }

    string[] Names(string variable) =>
        bicep.CompiledTemplate["variables"]![variable]!.AsArray().Select(name => name!.GetValue<string>()).ToArray();

    JsonNode AppSettingsParameter(string deployment, string parameter) =>
        Deployment(deployment)["properties"]!["parameters"]![parameter]!["value"]!;

    /// <summary>The nested deployment (a module) of main.bicep with this name.</summary>
    JsonObject Deployment(string name) =>
        TopResources(bicep.CompiledTemplate).Single(resource => resource["type"]!.ToString() == "Microsoft.Resources/deployments" && resource["name"]!.ToString() == name);

    /// <summary>Every resource of this type, in main.bicep and in every module it deploys.</summary>
    IEnumerable<JsonObject> Resources(string type) =>
        TopResources(bicep.CompiledTemplate)
            .Where(resource => resource["type"]!.ToString() == "Microsoft.Resources/deployments")
            .SelectMany(NestedResources)
            .Concat(TopResources(bicep.CompiledTemplate))
            .Where(resource => string.Equals(resource["type"]!.ToString(), type, StringComparison.OrdinalIgnoreCase));

    static IEnumerable<JsonObject> NestedResources(JsonObject deployment) => TopResources(deployment["properties"]!["template"]!);

    static IEnumerable<JsonObject> TopResources(JsonNode template) => template["resources"] switch
    {
        JsonArray list => list.Select(resource => resource!.AsObject()),
        JsonObject named => named.Select(resource => resource.Value!.AsObject()),
        _ => [],
    };
}
