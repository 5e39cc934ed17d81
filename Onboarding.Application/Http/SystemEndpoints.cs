using Microsoft.AspNetCore.Http;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Http;

/// <summary><c>GET /api/health</c> and <c>GET /api/openapi.yaml</c>.</summary>
public sealed class SystemEndpoints(ApiCall api, OnboardingTables tables)
{
    static readonly Lazy<string> Document = new(() =>
    {
        using Stream stream = typeof(SystemEndpoints).Assembly.GetManifestResourceStream("openapi.yaml")
            ?? throw new InvalidOperationException("openapi.yaml is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The contract as OpenAPI 3 (the same file in both hosts).</summary>
    public static string OpenApiYaml => Document.Value;

    public Task<IResult> HealthAsync(HttpRequest request) => api.RunAsync(request, async () =>
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        bool healthy = await tables.IsReachableAsync(timeout.Token);
        return new NoStoreResult(Results.Json(
            new { status = healthy ? "healthy" : "unhealthy" },
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable));
    });

    public Task<IResult> OpenApiAsync(HttpRequest request) =>
        Task.FromResult(Results.Text(OpenApiYaml, "application/yaml; charset=utf-8"));
}
