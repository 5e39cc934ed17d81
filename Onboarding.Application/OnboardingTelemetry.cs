using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Onboarding.Application.Configuration;
using Onboarding.Application.Operators;

namespace Onboarding.Application;

/// <summary>
/// OpenTelemetry for both hosts: the Onboarding meter, traces of HTTP requests that continue into
/// the orchestration (the Durable Task SDK's spans carry the request's trace context), exported to
/// Azure Monitor on Azure and to the console or an OTLP collector locally.
/// </summary>
public static class OnboardingTelemetry
{
    const string DurableTaskSource = "Microsoft.DurableTask";

    public static IServiceCollection AddOnboardingTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        TelemetryOptions options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        string? azureMonitor = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        bool useEntraId = configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]?.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase) == true;

        OpenTelemetryBuilder telemetry = services.AddOpenTelemetry();
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(JourneyMetrics.MeterName);
            switch (options.Exporter)
            {
                case "console":
                    metrics.AddConsoleExporter();
                    break;
                case "otlp":
                    metrics.AddOtlpExporter(otlp => Endpoint(otlp, options.OtlpEndpoint));
                    break;
            }
        });
        telemetry.WithTracing(tracing =>
        {
            tracing.AddSource(DurableTaskSource);
            tracing.AddAspNetCoreInstrumentation(aspNetCore =>
            {
                // E-mail links carry their token in the query: never record it.
                aspNetCore.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/api/health");
            });
            switch (options.Exporter)
            {
                case "console":
                    tracing.AddConsoleExporter();
                    break;
                case "otlp":
                    tracing.AddOtlpExporter(otlp => Endpoint(otlp, options.OtlpEndpoint));
                    break;
            }
        });

        if (!string.IsNullOrEmpty(azureMonitor))
        {
            telemetry.UseAzureMonitorExporter(monitor =>
            {
                monitor.ConnectionString = azureMonitor;
                if (useEntraId)
                {
                    monitor.Credential = new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
                }
            });
        }

        return services;
    }

    static void Endpoint(OpenTelemetry.Exporter.OtlpExporterOptions otlp, string? endpoint)
    {
        if (!string.IsNullOrEmpty(endpoint))
        {
            otlp.Endpoint = new Uri(endpoint);
        }
    }
}
