using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Onboarding.Application;
using Onboarding.Application.Operators;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddOnboarding();
builder.Services.AddOnboardingTelemetry(builder.Configuration);
builder.Build().Run();
