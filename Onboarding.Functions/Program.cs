using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Onboarding.Application;
using Onboarding.Application.Operators;
using Onboarding.Functions;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<SecurityHeadersMiddleware>();
builder.Services.AddOnboarding();
builder.Services.AddOnboardingTelemetry(builder.Configuration);
builder.Build().Run();
