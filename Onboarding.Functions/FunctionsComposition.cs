using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Onboarding.Application;
using Onboarding.Application.Configuration;
using Onboarding.Application.Orchestration;
using Onboarding.Development;

namespace Onboarding.Functions;

/// <summary>The Functions app's composition root (Program calls it; tests build it the same way).</summary>
public static class FunctionsComposition
{
    public static FunctionsApplicationBuilder ConfigureOnboarding(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<SecurityHeadersMiddleware>();
        // What Durable stores is written as both hosts write it: the Durable extension serializes
        // orchestration inputs, events, activity payloads and custom statuses with the worker's serializer.
        builder.Services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(JourneyDataFormat.Options));
        builder.Services.AddOnboarding();

        // The sandbox bank is the only bank there is: a real one is registered before it and replaces it.
        // The /dev routes' handlers only where they are served (decision 18).
        builder.Services.AddSandboxBank();
        if (builder.Configuration.GetValue<bool>($"{OnboardingOptions.SectionName}:{nameof(OnboardingOptions.EnableDevelopmentRoutes)}"))
        {
            builder.Services.AddDevelopment();
        }

        builder.Services.AddOnboardingTelemetry(builder.Configuration);
        return builder;
    }
}
