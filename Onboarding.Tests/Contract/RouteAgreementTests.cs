using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Onboarding.Application.Orchestration;
using Onboarding.LocalHost;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Contract;

/// <summary>
/// The contract's routes three ways, which must agree: the OpenAPI document, the routes the local
/// host maps, and the HTTP triggers of the Functions build (<c>functions.metadata</c>).
/// </summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class RouteAgreementTests
{
    /// <summary>The local ACS emulator and Event Grid topic: local-only plumbing, not part of the contract (so is the benchmark's <see cref="EngineCounts.Route"/>).</summary>
    const string LocalAcsPrefix = "/acs";

    [Fact]
    public async Task Routes_OpenApiAndLocalHost_AreTheSame()
    {
        IReadOnlyList<HttpRoute> local = await LocalHostRoutesAsync(developmentRoutes: true);

        HttpRoute.AssertSame(OpenApiRoutes(), "openapi.yaml", local, "the local host");
    }

    [Fact]
    public async Task Routes_LocalHostWithoutDevelopmentRoutes_MapsNoDevRoute()
    {
        IReadOnlyList<HttpRoute> local = await LocalHostRoutesAsync(developmentRoutes: false);

        Assert.DoesNotContain(local, route => route.Path.StartsWith("/dev/", StringComparison.Ordinal));
        HttpRoute.AssertSame(OpenApiRoutes().Where(route => !route.Path.StartsWith("/dev/", StringComparison.Ordinal)), "openapi.yaml without /dev", local, "the local host");
    }

    [Fact]
    public void Routes_OpenApiAndFunctions_AreTheSame()
    {
        FunctionsMetadata functions = FunctionsMetadata.Load();

        HttpRoute.AssertSame(OpenApiRoutes(), "openapi.yaml", functions.HttpTriggers().Select(trigger => trigger.Route), functions.FilePath);
    }

    [Fact]
    public void OperationIds_EveryOperation_IsTheFunctionNameOfItsTrigger()
    {
        Dictionary<HttpRoute, string> functionByRoute = FunctionsMetadata.Load().HttpTriggers()
            .GroupBy(trigger => trigger.Route)
            .ToDictionary(group => group.Key, group => string.Join("|", group.Select(trigger => trigger.Function.Name)));
        var failures = new List<string>();
        foreach (ContractDocument.Operation operation in ContractDocument.Operations(ContractDocument.Load()))
        {
            if (functionByRoute.TryGetValue(operation.Route, out string? function) && function != operation.OperationId)
            {
                failures.Add($"{operation.Route}: operationId '{operation.OperationId}', function '{function}'");
            }
        }

        Assert.True(failures.Count == 0, "operationIds must equal the Functions function names:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void AuthLevel_HttpTriggers_AreAllAnonymous()
    {
        var failures = new List<string>();
        foreach ((FunctionsMetadata.Function function, FunctionsMetadata.Binding trigger, HttpRoute route) in FunctionsMetadata.Load().HttpTriggers())
        {
            // Journey routes check the journey token (or the e-mail token) in code; operator routes check
            // the operator (app role or key) in code too: a function key would shut out signed-in operators.
            const string expected = "Anonymous";
            if (!string.Equals(trigger.AuthLevel, expected, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{function.Name} ({route}): authLevel '{trigger.AuthLevel}', expected '{expected}'");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void DurableTriggers_OrchestratorAndEveryActivity_HaveAFunction()
    {
        FunctionsMetadata functions = FunctionsMetadata.Load();
        string[] orchestrators = functions.WithTrigger("orchestrationTrigger").Select(function => function.Name).ToArray();
        string[] activities = functions.WithTrigger("activityTrigger").Select(function => function.Name).ToArray();
        string[] listed = JourneyActivities.All.Select(activity => activity.Name).ToArray();

        Assert.Equal([JourneyOrchestrator.Name], orchestrators);
        Assert.Equal(listed.Order(StringComparer.Ordinal), activities.Order(StringComparer.Ordinal));
        Assert.Equal(listed.Length, listed.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ActivityFunctions_TakeAndGiveTheTypesOfTheirActivity()
    {
        // The Functions app's own build, read without loading it (it is an Azure Functions worker, not a library).
        string folder = Path.GetDirectoryName(FunctionsMetadata.Load().FilePath)!;
        string[] assemblies = [.. Directory.GetFiles(folder, "*.dll"), .. Directory.GetFiles(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")];
        using var context = new MetadataLoadContext(new PathAssemblyResolver(assemblies.DistinctBy(Path.GetFileName)));
        Type functions = context.LoadFromAssemblyPath(Path.Combine(folder, "Onboarding.Functions.dll")).GetType("Onboarding.Functions.JourneyOrchestrationFunctions")!;
        Dictionary<string, MethodInfo> byName = functions.GetMethods()
            .Select(method => (Method: method, Name: method.GetCustomAttributesData()
                .FirstOrDefault(attribute => attribute.AttributeType.Name == "FunctionAttribute")?.ConstructorArguments[0].Value as string))
            .Where(pair => pair.Name is not null)
            .ToDictionary(pair => pair.Name!, pair => pair.Method, StringComparer.Ordinal);

        foreach (IJourneyActivity activity in JourneyActivities.All)
        {
            MethodInfo method = byName[activity.Name];
            Assert.Equal(activity.InputType.FullName, Assert.Single(method.GetParameters()).ParameterType.FullName);
            Assert.Equal("System.Threading.Tasks.Task`1", method.ReturnType.GetGenericTypeDefinition().FullName);
            Assert.Equal(activity.OutputType.FullName, Assert.Single(method.ReturnType.GetGenericArguments()).FullName);
        }
    }

    [Fact]
    public void LocalHostWorker_BindsEveryActivityOfTheList()
    {
        Assert.Equal(
            JourneyActivities.All.Select(activity => activity.Name).Order(StringComparer.Ordinal),
            Onboarding.LocalHost.Durable.JourneyTasks.Activities.Select(binding => binding.Name).Order(StringComparer.Ordinal));
    }

    static IEnumerable<HttpRoute> OpenApiRoutes() => ContractDocument.Operations(ContractDocument.Load()).Select(operation => operation.Route);

    /// <summary>Builds (never starts) the local host and lists the routes its endpoint data sources hold.</summary>
    static async Task<IReadOnlyList<HttpRoute>> LocalHostRoutesAsync(bool developmentRoutes)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Onboarding:EnableDevelopmentRoutes"] = developmentRoutes ? "true" : "false",
            ["Onboarding:HmacKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Onboarding:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Onboarding:FieldKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        };
        WebApplication app = LocalHostApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
        });
        await using (app)
        {
            var routes = new List<HttpRoute>();
            foreach (Endpoint endpoint in ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints))
            {
                if (endpoint is not RouteEndpoint route)
                {
                    continue;
                }

                string path = "/" + (route.RoutePattern.RawText ?? "").TrimStart('/');
                if (path == LocalAcsPrefix || path.StartsWith(LocalAcsPrefix + "/", StringComparison.Ordinal) || path == EngineCounts.Route
                    || path == Onboarding.LocalHost.EventGrid.LocalEventGridEndpoint.Route)
                {
                    continue;
                }

                IReadOnlyList<string> methods = route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
                routes.AddRange(methods.DefaultIfEmpty("*").Select(method => HttpRoute.Of(method, path)));
            }

            return routes;
        }
    }
}
