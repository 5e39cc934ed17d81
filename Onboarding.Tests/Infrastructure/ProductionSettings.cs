using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Onboarding.Application.Configuration;
using Onboarding.Application.Http;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// The app settings production must carry, derived from the code: the options classes the app
/// binds, the placeholders in host.json, and the functions the build generated.
/// </summary>
public static partial class ProductionSettings
{
    /// <summary>
    /// Keys the app can read that production deliberately leaves unset, with the reason.
    /// (Onboarding__PreviousHmacKey and Onboarding__PreviousFieldKey are not among them: the template
    /// always sets them, to an empty value outside a key rotation and to a Key Vault reference during one.)
    /// </summary>
    public static IReadOnlyDictionary<string, string> DeliberatelyUnset { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Storage__ConnectionString"] = "production reaches its tables with the managed identity (Storage__TableServiceUri); the account has shared keys disabled",
        ["Storage__ManagedIdentityClientId"] = "the app uses its system-assigned identity",
        ["Storage__TablePrefix"] = "every environment has its own storage account, so table names need no prefix",
        ["Messaging__ConnectionString"] = "production calls Communication Services with the managed identity (Messaging__Endpoint); the resource has access keys disabled",
        ["Messaging__ManagedIdentityClientId"] = "the app uses its system-assigned identity",
        ["Journey__SupportedRegions"] = "unset means the built-in list: where people may live, every region but the sanctioned (mainland China above all)",
        ["Journey__SupportedNationalities"] = "unset means the built-in list: every nationality but China's (its citizens use the domestic flow) and the sanctioned",
        ["Onboarding__ResumeLinkBase"] = "unset means the web app the Function app serves at its root; a mobile app's universal link would be set here",
        ["Journey__InputWait"] = "the contract's 10-second wait for an input to apply is not an environment setting",
        ["Onboarding__RequestTimeout"] = "the contract's 10-second bound on every answer is not an environment setting",
        ["Journey__SmsCountries"] = "unset means CN: besides the numbers of the person's residence and nationality, mainland China's; a list is set element by element (Journey__SmsCountries__0=CN, ...)",
        ["Network__TrustedProxies"] = "a list, set element by element: Network__TrustedProxies__0 and __1, the Functions host on loopback",
        ["Telemetry__Exporter"] = "on Azure metrics and traces go to Application Insights (APPLICATIONINSIGHTS_CONNECTION_STRING); console and OTLP are for local runs",
        ["Telemetry__OtlpEndpoint"] = "only for Telemetry__Exporter=otlp, a local collector",
        ["Retention__SweepInterval"] = "on Azure the retention sweep runs on its timer trigger's schedule, not the local host's interval",
        ["Events__AccessKey"] = "production publishes with the managed identity (EventGrid Data Sender); the topic has local auth disabled",
        ["Events__ManagedIdentityClientId"] = "the apps use their system-assigned identities",
        ["Events__RelayInterval"] = "on Azure the event relay runs on its timer trigger's schedule, not the local host's interval",
        ["Events__PublishTimeout"] = "how long a step waits for the topic (5 s) is the code's policy, not an environment setting",
        ["Events__PauseAfterFailure"] = "how long steps leave publishing to the relay after a failure (30 s) is the code's policy, not an environment setting",
    };

    /// <summary>What the Functions host itself needs: identity-based storage and Entra-authenticated telemetry.</summary>
    public static IReadOnlyList<string> Host { get; } =
    [
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    /// <summary>
    /// <c>Section__Property</c> for every public settable property of every options class (the
    /// classes in Onboarding.Application.Configuration with a <c>SectionName</c> constant).
    /// </summary>
    public static IReadOnlyList<string> ReadByTheApp() =>
        (from type in typeof(JourneyOptions).Assembly.GetExportedTypes()
         where type.Namespace == typeof(JourneyOptions).Namespace
         let section = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)
         where section is { IsLiteral: true }
         from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
         where property.SetMethod is { IsPublic: true }
         select $"{section.GetRawConstantValue()}__{property.Name}")
        .ToList();

    /// <summary>The <c>%Name%</c> placeholders of host.json, resolved from app settings when the host starts (e.g. the task hub name).</summary>
    public static IReadOnlyList<string> HostJsonPlaceholders() =>
        Placeholder().Matches(File.ReadAllText(RepositoryRoot.File("host.json")))
            .Select(match => match.Groups["name"].Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Every setting production must set: read by the app or the host, minus the deliberately unset.</summary>
    public static IReadOnlyList<string> Required() =>
        ReadByTheApp().Concat(Host).Concat(HostJsonPlaceholders())
            .Where(key => !DeliberatelyUnset.ContainsKey(key))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The routes under <c>dev/</c> in <see cref="ApiRoutes"/>.</summary>
    public static IReadOnlySet<string> DevelopmentRoutes() =>
        typeof(ApiRoutes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .Where(route => route.StartsWith("dev/", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Function name and route of every HTTP trigger in the Functions app's generated
    /// functions.metadata (newest Debug or Release build).
    /// </summary>
    public static IReadOnlyList<(string Function, string Route)> HttpTriggers()
    {
        string? path = new[] { "Debug", "Release" }
            .Select(configuration => RepositoryRoot.File("Onboarding.Functions", "bin", configuration, "net10.0", "functions.metadata"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
        Assert.True(path is not null, "Onboarding.Functions/bin/<Debug|Release>/net10.0/functions.metadata is missing: run `dotnet build Onboarding.sln` first.");

        using JsonDocument metadata = JsonDocument.Parse(File.ReadAllText(path!));
        return (from function in metadata.RootElement.EnumerateArray()
                from binding in function.GetProperty("bindings").EnumerateArray()
                where binding.GetProperty("type").GetString() == "httpTrigger"
                      && binding.TryGetProperty("route", out JsonElement route) && route.ValueKind == JsonValueKind.String
                select (function.GetProperty("name").GetString()!, binding.GetProperty("route").GetString()!))
            .ToList();
    }

    [GeneratedRegex("%(?<name>[A-Za-z0-9_.]+)%")]
    private static partial Regex Placeholder();
}
