using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Contract;
using Onboarding.Application.Messaging;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Http;

/// <summary><c>GET /api/health</c> and <c>GET /api/openapi.yaml</c>.</summary>
public sealed class SystemEndpoints(ApiCall api, OnboardingTables tables, MessagingHealth messaging)
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

    /// <summary>How long each dependency's probe may take.</summary>
    static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Which dependency is down: storage (a table query), the Durable task hub (an instance read through the client), messaging (the last send).</summary>
    public Task<IResult> HealthAsync(HttpRequest request, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        Task<bool> storage = Probe(tables.IsReachableAsync, cancellationToken);
        Task<bool> taskHub = Probe(async token =>
        {
            await durable.GetInstanceAsync("health-probe", getInputsAndOutputs: false, token);
            return true;
        }, cancellationToken);
        bool storageUp = await storage, durableUp = await taskHub;
        var dependencies = new HealthDependencies(UpOrDown(storageUp), UpOrDown(durableUp), UpOrDown(!messaging.Failing));
        bool serving = storageUp && durableUp;
        string status = serving ? "healthy" : "unhealthy"; // the contract's meaning: requests are served (messaging waits and retries)
        if (!serving)
        {
            request.HttpContext.Response.Headers.RetryAfter = UnavailableRetryAfterSeconds;
        }

        return new NoStoreResult(Results.Json(
            new HealthView(status, dependencies),
            ApiJson.Options,
            statusCode: serving ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable));
    });

    /// <summary>The Retry-After of an unhealthy answer, as <see cref="Problems.Unavailable"/> gives.</summary>
    static readonly string UnavailableRetryAfterSeconds =
        Problems.Unavailable().RetryAfterSeconds!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    static async Task<bool> Probe(Func<CancellationToken, Task<bool>> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            return await probe(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // refused, failed or too slow: down
        }
    }

    static string UpOrDown(bool up) => up ? "up" : "down";

    public Task<IResult> OpenApiAsync(HttpRequest request) =>
        Task.FromResult(Results.Text(OpenApiYaml, "application/yaml; charset=utf-8"));
}
