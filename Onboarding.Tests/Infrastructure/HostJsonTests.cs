using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Onboarding.Application.Configuration;
using Onboarding.Application.Http;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Retention;
using Onboarding.Tests.Contract;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// host.json as the Functions host reads it, checked without the host: the versions the code knows,
/// every Durable key a property of the extension the build ships (an unknown key is silently
/// ignored), the host's own answers carrying the app's security headers, and a function timeout
/// that nothing of ours reaches (a timeout restarts the whole worker process).
/// </summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class HostJsonTests
{
    static JsonDocument HostJson() => JsonDocument.Parse(File.ReadAllText(RepositoryRoot.File("host.json")));

    [Fact]
    public void DurableTask_Versioning_NewJourneysOnTheCurrentVersionAndNewerOnesLeftAlone()
    {
        using JsonDocument hostJson = HostJson();
        JsonElement durable = hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask");

        Assert.Equal(JourneyVersions.Current, durable.GetProperty("defaultVersion").GetString());
        Assert.Equal("CurrentOrOlder", durable.GetProperty("versionMatchStrategy").GetString());
        Assert.Equal("Reject", durable.GetProperty("versionFailureStrategy").GetString());
    }

    [Fact]
    public void DurableTask_EveryKey_IsAnOptionOfTheExtensionTheWorkerExtensionPins()
    {
        // Arrange: the WebJobs Durable extension the build put beside the app (.azurefunctions), and
        // the version the worker extension says the host must load.
        string folder = Path.GetDirectoryName(FunctionsMetadata.Load().FilePath)!;
        string extensions = Path.Combine(folder, ".azurefunctions");
        string[] assemblies = [.. Directory.GetFiles(extensions, "*.dll"), .. Directory.GetFiles(folder, "*.dll"),
            .. Directory.GetFiles(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")];
        using var context = new MetadataLoadContext(new PathAssemblyResolver(assemblies.DistinctBy(Path.GetFileName)));
        Assembly extension = context.LoadFromAssemblyPath(Path.Combine(extensions, "Microsoft.Azure.WebJobs.Extensions.DurableTask.dll"));
        string pinned = context.LoadFromAssemblyPath(Path.Combine(folder, "Microsoft.Azure.Functions.Worker.Extensions.DurableTask.dll"))
            .GetCustomAttributesData()
            .Single(attribute => attribute.AttributeType.Name == "ExtensionInformationAttribute")
            .ConstructorArguments[1].Value as string ?? "";
        string shipped = System.Diagnostics.FileVersionInfo.GetVersionInfo(extension.Location).ProductVersion ?? "";
        Type options = Type(extension, "DurableTaskOptions");
        Type storage = Type(extension, "AzureStorageOptions");

        // Act
        using JsonDocument hostJson = HostJson();
        var failures = new List<string>();
        Check(hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask"), options, "durableTask", failures, storage);

        // Assert
        Assert.StartsWith(pinned + "+", shipped + "+", StringComparison.Ordinal);
        Assert.True(failures.Count == 0, $"host.json against Microsoft.Azure.WebJobs.Extensions.DurableTask {pinned}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void CustomHeaders_TheHostsOwnAnswers_CarryTheAppsBaseline()
    {
        // The host answers unknown routes, wrong methods and preflights without the worker; these
        // headers reach them (it adds each only where the worker's answer has none). The app runs
        // HTTPS only on Azure (FlexTemplateTests), so HSTS belongs on every answer there.
        using JsonDocument hostJson = HostJson();
        Dictionary<string, string> custom = hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("customHeaders")
            .EnumerateObject().ToDictionary(header => header.Name, header => header.Value.GetString()!, StringComparer.OrdinalIgnoreCase);

        var expected = new Dictionary<string, string>(SecurityHeaders.EveryResponse, StringComparer.OrdinalIgnoreCase)
        {
            ["Strict-Transport-Security"] = SecurityHeaders.StrictTransportSecurity,
        };
        Assert.Equal(expected.OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase), custom.OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void FunctionTimeout_OutlastsTheLongestStreamAndTheSweepsDeadline()
    {
        // A function past functionTimeout is not cancelled: the host restarts the worker process,
        // and every request and episode on it. Nothing of ours may come near it.
        using JsonDocument hostJson = HostJson();
        TimeSpan timeout = TimeSpan.Parse(hostJson.RootElement.GetProperty("functionTimeout").GetString()!, CultureInfo.InvariantCulture);
        TimeSpan margin = TimeSpan.FromMinutes(1);

        Assert.True(JourneyOptions.LongestEventStream + margin <= timeout, $"event streams may last {JourneyOptions.LongestEventStream}, functionTimeout is {timeout}");
        Assert.True(RetentionSweeper.Deadline + margin <= timeout, $"a sweep may run {RetentionSweeper.Deadline}, functionTimeout is {timeout}");
        Assert.True(new JourneyOptions().EventStreamLifetime <= JourneyOptions.LongestEventStream);
        Assert.Contains(
            new JourneyOptions { EventStreamLifetime = JourneyOptions.LongestEventStream + TimeSpan.FromSeconds(1) }.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())),
            result => result.ErrorMessage!.Contains(nameof(JourneyOptions.EventStreamLifetime), StringComparison.Ordinal));
    }

    /// <summary>Each key of <paramref name="section"/> must be a property of <paramref name="type"/>, and its value of the property's kind.</summary>
    static void Check(JsonElement section, Type type, string path, List<string> failures, Type storageOptions)
    {
        foreach (JsonProperty key in section.EnumerateObject())
        {
            PropertyInfo? property = type.GetProperties().FirstOrDefault(property => string.Equals(property.Name, key.Name, StringComparison.OrdinalIgnoreCase));
            string where = $"{path}.{key.Name}";
            if (property is null)
            {
                failures.Add($"{where}: {type.Name} has no such option (the host ignores it)");
                continue;
            }

            Type kind = Nullable(property.PropertyType);
            if (kind.IsGenericType && kind.GetGenericTypeDefinition().Name == "IDictionary`2")
            {
                // storageProvider: a free-form dictionary the Azure Storage provider binds to AzureStorageOptions.
                Check(key.Value, storageOptions, where, failures, storageOptions);
            }
            else if (key.Value.ValueKind == JsonValueKind.Object)
            {
                Check(key.Value, kind, where, failures, storageOptions);
            }
            else if (ValueProblem(kind, key.Value) is { } problem)
            {
                failures.Add($"{where}: {problem}");
            }
        }
    }

    static string? ValueProblem(Type kind, JsonElement value)
    {
        string text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return kind switch
        {
            { IsEnum: true } when !kind.GetFields(BindingFlags.Public | BindingFlags.Static).Any(field => string.Equals(field.Name, text, StringComparison.OrdinalIgnoreCase)) =>
                $"'{text}' is not one of {string.Join(", ", kind.GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => field.Name))}",
            { FullName: "System.TimeSpan" } when !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out _) => $"'{text}' is not a TimeSpan",
            { FullName: "System.Int32" } when !int.TryParse(text, CultureInfo.InvariantCulture, out _) => $"'{text}' is not a whole number",
            { FullName: "System.Boolean" } when !bool.TryParse(text, out _) => $"'{text}' is not true or false",
            _ => null,
        };
    }

    static Type Nullable(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1" ? type.GetGenericArguments()[0] : type;

    static Type Type(Assembly assembly, string name)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            types = partial.Types.OfType<Type>().ToArray();
        }

        return types.Single(type => type.Name == name);
    }
}
