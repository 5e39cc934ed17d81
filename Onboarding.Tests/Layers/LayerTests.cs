using System.Reflection;
using NetArchTest.Rules;
using Onboarding.Application;
using Onboarding.Application.JourneyClient;
using Onboarding.Application.Orchestration;
using Onboarding.Application.PersonalData;
using Onboarding.Development;
using Onboarding.Domain.Journeys;
using Onboarding.Functions;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Layers;

/// <summary>
/// The layers of docs/decisions/0018: the domain depends on nothing of ours, the orchestration on
/// the domain only, nothing but the HTTP folders, the hosts and the composition root on HTTP code,
/// and no production code on the development stand-ins.
/// </summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class LayerTests
{
    static readonly Assembly Domain = typeof(JourneyStage).Assembly;
    static readonly Assembly Application = typeof(OnboardingServices).Assembly;
    static readonly Assembly DevelopmentProject = typeof(DevelopmentServices).Assembly;
    static readonly Assembly Functions = typeof(SystemHttpFunctions).Assembly;

    /// <summary>The composition root: <c>AddOnboarding()</c> and <c>AddOnboardingTelemetry()</c>, the one place that sees every layer.</summary>
    static readonly string CompositionRoot = typeof(OnboardingServices).Namespace!;

    /// <summary>Where the application's HTTP code lives: <c>Http/</c> and every feature's <c>Http/</c> folder.</summary>
    static readonly string[] HttpNamespaces = Application.GetTypes()
        .Select(type => type.Namespace ?? "")
        .Where(IsHttp)
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Every namespace of the domain, the application and the development stand-ins.</summary>
    static readonly string[] OurNamespaces = new[] { Domain, Application, DevelopmentProject }
        .SelectMany(assembly => assembly.GetTypes())
        .Select(type => type.Namespace)
        .OfType<string>()
        .Where(ns => ns.StartsWith("Onboarding", StringComparison.Ordinal))
        .Distinct()
        .ToArray();

    /// <summary>What does I/O or belongs to a host: never in the orchestration or the domain.</summary>
    static readonly string[] Infrastructure =
        ["Azure", "Microsoft.AspNetCore", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Options", "OpenTelemetry", "Grpc", "System.Net.Http", "System.Net.Sockets", "System.IO"];

    /// <summary>
    /// What names a dependency on the types of <paramref name="ns"/> alone (NetArchTest takes a name
    /// for itself and every namespace under it): the namespace, or, for one that encloses others, its own types.
    /// </summary>
    static IEnumerable<string> Dependency(string ns) =>
        OurNamespaces.Any(other => other.StartsWith(ns + ".", StringComparison.Ordinal))
            ? new[] { Domain, Application, DevelopmentProject }.SelectMany(assembly => assembly.GetTypes())
                .Where(type => type.Namespace == ns && !type.IsNested).Select(type => type.FullName!)
            : [ns];

    static bool IsHttp(string? ns) => ns is not null && (ns.EndsWith(".Http", StringComparison.Ordinal) || ns.Contains(".Http.", StringComparison.Ordinal));

    [Fact]
    public void Domain_DependsOnNothingOfOursNorOnInfrastructure()
    {
        TestResult result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny(["Onboarding.Application", "Onboarding.Development", "Microsoft.DurableTask", .. Infrastructure])
            .GetResult();

        AssertKept(result, "the domain");
    }

    [Fact]
    public void Orchestration_DependsOnTheDomainOnly()
    {
        string orchestration = typeof(JourneyOrchestrator).Namespace!;
        string[] forbidden =
        [
            .. OurNamespaces.Where(ns => ns != orchestration && !ns.StartsWith("Onboarding.Domain", StringComparison.Ordinal)).SelectMany(Dependency),
            .. Infrastructure,
        ];

        TestResult result = Types.InAssembly(Application).That().ResideInNamespace(orchestration)
            .ShouldNot().HaveDependencyOnAny(forbidden)
            .GetResult();

        Assert.Contains("Onboarding.Application.JourneyClient", forbidden);
        Assert.NotEmpty(Types.InAssembly(Application).That().ResideInNamespace(orchestration).GetTypes());
        AssertKept(result, "the orchestration");
    }

    [Fact]
    public void HttpCode_IsUsedOnlyByHttpCodeAndTheCompositionRoot()
    {
        Assert.Contains("Onboarding.Application.Http", HttpNamespaces);
        Assert.Contains("Onboarding.Application.Registration.Http", HttpNamespaces);
        IEnumerable<Type> outsideHttp = Types.InAssembly(Application).GetTypes()
            .Where(type => !IsHttp(type.Namespace) && type.Namespace != CompositionRoot);

        TestResult result = Types.InAssembly(Application).That()
            .MeetCustomRule(new NotIn([.. HttpNamespaces, CompositionRoot]))
            .ShouldNot().HaveDependencyOnAny([.. HttpNamespaces, "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing"])
            .GetResult();

        Assert.NotEmpty(outsideHttp);
        AssertKept(result, "code outside the HTTP folders");
    }

    [Fact]
    public void JourneyClient_HasItsOwnHomeOutsideHttp()
    {
        Type[] client = [typeof(JourneyInputs), typeof(JourneyProgressReader), typeof(CommittedStatuses), typeof(JourneyStarter)];

        Assert.All(client, type => Assert.Equal("Onboarding.Application.JourneyClient", type.Namespace));
    }

    [Fact]
    public void ProductionLibraries_NeverReferenceTheDevelopmentProject()
    {
        string development = DevelopmentProject.GetName().Name!;

        Assert.DoesNotContain(Domain.GetReferencedAssemblies(), reference => reference.Name == development);
        Assert.DoesNotContain(Application.GetReferencedAssemblies(), reference => reference.Name == development);
        AssertKept(Types.InAssemblies([Domain, Application]).ShouldNot().HaveDependencyOn("Onboarding.Development").GetResult(), "production code");
    }

    [Fact]
    public void PersonalDataCode_TakesTheBanksPortNotTheSandbox()
    {
        TestResult result = Types.InAssembly(Application).That().ResideInNamespace(typeof(JourneyEraser).Namespace)
            .ShouldNot().HaveDependencyOn(typeof(SandboxBank).FullName)
            .GetResult();

        AssertKept(result, "personal-data code");
    }

    [Fact]
    public void FunctionsApp_WiresTheDevelopmentProjectOnlyInItsCompositionRootAndTheDevRoutes()
    {
        TestResult result = Types.InAssembly(Functions).That()
            .DoNotHaveName(nameof(FunctionsComposition)).And().DoNotHaveName(nameof(DevelopmentHttpFunctions))
            .And().ResideInNamespaceStartingWith("Onboarding")
            .ShouldNot().HaveDependencyOn("Onboarding.Development")
            .GetResult();

        AssertKept(result, "the Functions app's triggers");
    }

    static void AssertKept(TestResult result, string what) =>
        Assert.True(result.IsSuccessful, $"{what} breaks the layering: {string.Join(", ", result.FailingTypeNames ?? [])}");

    sealed class NotIn(string[] namespaces) : ICustomRule
    {
        public bool MeetsRule(Mono.Cecil.TypeDefinition type)
        {
            string ns = (type.DeclaringType ?? type).Namespace;
            return !namespaces.Contains(ns);
        }
    }
}
