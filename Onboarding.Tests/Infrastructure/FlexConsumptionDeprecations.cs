namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// What a Flex Consumption site must not carry: Microsoft's "Flex Consumption plan deprecations"
/// table (https://learn.microsoft.com/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations,
/// MicrosoftDocs/azure-docs articles/azure-functions/functions-app-settings.md). ARM rejects some of
/// them outright ("... is invalid for Flex Consumption sites", e.g. ftpsState and linuxFxVersion)
/// and ignores the rest; a Bicep build and lint notice neither.
/// </summary>
public static class FlexConsumptionDeprecations
{
    /// <summary>Site properties (in <c>properties</c> or <c>properties.siteConfig</c>), with the table's reason.</summary>
    public static IReadOnlyDictionary<string, string> SiteProperties { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["alwaysOn"] = "not valid",
        ["containerSize"] = "renamed as instanceMemoryMB",
        ["ftpsState"] = "FTPS not supported",
        ["isReserved"] = "not valid",
        ["IsXenon"] = "not valid",
        ["javaVersion"] = "replaced by functionAppConfig.runtime.version",
        ["linuxFxVersion"] = "replaced by functionAppConfig.runtime",
        ["netFrameworkVersion"] = "replaced by functionAppConfig.runtime.version",
        ["powerShellVersion"] = "replaced by functionAppConfig.runtime.version",
        ["functionAppScaleLimit"] = "renamed as maximumInstanceCount",
        ["preWarmedInstanceCount"] = "renamed as alwaysReady",
        ["use32BitWorkerProcess"] = "32-bit not supported",
        ["vnetBackupRestoreEnabled"] = "not used for networking in Flex Consumption",
        ["vnetContentShareEnabled"] = "not used for networking in Flex Consumption",
        ["vnetImagePullEnabled"] = "not used for networking in Flex Consumption",
        ["vnetRouteAllEnabled"] = "not used for networking in Flex Consumption",
        ["windowsFxVersion"] = "not valid",
        // Not in the table, and not documented for Flex Consumption either: the issue that found the
        // others names it suspect, and nothing here needs it (the platform's default stands).
        ["http20Enabled"] = "not documented for Flex Consumption sites",
    };

    /// <summary>App settings, with the table's reason.</summary>
    public static IReadOnlyDictionary<string, string> AppSettings { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ENABLE_ORYX_BUILD"] = "replaced by the remoteBuild parameter when deploying",
        ["FUNCTIONS_EXTENSION_VERSION"] = "set by the backend",
        ["FUNCTIONS_WORKER_RUNTIME"] = "replaced by functionAppConfig.runtime.name",
        ["FUNCTIONS_WORKER_RUNTIME_VERSION"] = "replaced by functionAppConfig.runtime.version",
        ["FUNCTIONS_MAX_HTTP_CONCURRENCY"] = "replaced by functionAppConfig.scaleAndConcurrency.triggers",
        ["FUNCTIONS_WORKER_PROCESS_COUNT"] = "not valid",
        ["FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED"] = "not valid",
        ["SCM_DO_BUILD_DURING_DEPLOYMENT"] = "replaced by the remoteBuild parameter when deploying",
        ["WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"] = "replaced by functionAppConfig.deployment",
        ["WEBSITE_CONTENTOVERVNET"] = "not used for networking in Flex Consumption",
        ["WEBSITE_CONTENTSHARE"] = "replaced by functionAppConfig.deployment",
        ["WEBSITE_DNS_SERVER"] = "DNS is inherited from the integrated virtual network",
        ["WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT"] = "replaced by functionAppConfig.scaleAndConcurrency.maximumInstanceCount",
        ["WEBSITE_NODE_DEFAULT_VERSION"] = "replaced by functionAppConfig.runtime.version",
        ["WEBSITE_RUN_FROM_PACKAGE"] = "not used for deployments in Flex Consumption",
        ["WEBSITE_SKIP_CONTENTSHARE_VALIDATION"] = "content share isn't used in Flex Consumption",
        ["WEBSITE_VNET_ROUTE_ALL"] = "not used for networking in Flex Consumption",
    };
}
