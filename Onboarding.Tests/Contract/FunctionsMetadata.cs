using System.Text.Json;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Contract;

/// <summary>
/// The Functions app's generated <c>functions.metadata</c> (the offline proof of its triggers,
/// routes and auth levels), from the newest Debug or Release build of <c>Onboarding.Functions</c>.
/// </summary>
public sealed record FunctionsMetadata(string FilePath, IReadOnlyList<FunctionsMetadata.Function> Functions)
{
    public static FunctionsMetadata Load()
    {
        string? path = new[] { "Debug", "Release" }
            .Select(configuration => RepositoryRoot.File("Onboarding.Functions", "bin", configuration, "net10.0", "functions.metadata"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
        if (path is null)
        {
            Assert.Fail(
                "Onboarding.Functions/bin/<Debug|Release>/net10.0/functions.metadata is missing: "
                + "run `dotnet build Onboarding.sln` first (the Functions SDK writes it on build).");
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        var functions = new List<Function>();
        foreach (JsonElement function in document.RootElement.EnumerateArray())
        {
            var bindings = new List<Binding>();
            foreach (JsonElement binding in function.GetProperty("bindings").EnumerateArray())
            {
                bindings.Add(new Binding(
                    String(binding, "type") ?? "",
                    String(binding, "route"),
                    binding.TryGetProperty("methods", out JsonElement methods) && methods.ValueKind == JsonValueKind.Array
                        ? methods.EnumerateArray().Select(method => method.GetString()!).ToArray()
                        : [],
                    String(binding, "authLevel")));
            }

            functions.Add(new Function(function.GetProperty("name").GetString()!, bindings));
        }

        return new FunctionsMetadata(path, functions);
    }

    /// <summary>Every HTTP trigger, one entry per method.</summary>
    public IEnumerable<(Function Function, Binding Trigger, HttpRoute Route)> HttpTriggers() =>
        from function in Functions
        from binding in function.Bindings
        where binding.Type == "httpTrigger"
        from method in binding.Methods.DefaultIfEmpty("*") // no methods: any method, which no contract route is
        select (function, binding, HttpRoute.Of(method, binding.Route ?? function.Name));

    public IEnumerable<Function> WithTrigger(string type) =>
        Functions.Where(function => function.Bindings.Any(binding => binding.Type == type));

    static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public sealed record Function(string Name, IReadOnlyList<Binding> Bindings);

    public sealed record Binding(string Type, string? Route, IReadOnlyList<string> Methods, string? AuthLevel);
}
