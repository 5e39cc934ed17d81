using Microsoft.AspNetCore.Builder;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Extensions.DurableTask;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Onboarding.Functions;
using Onboarding.LocalHost;

namespace Onboarding.Tests.Support;

/// <summary>The data converters the Durable worker and client of each host are built with.</summary>
public static class HostDataConverters
{
    public static async Task<(DataConverter Worker, DataConverter Client)> LocalHostAsync()
    {
        await using WebApplication app = LocalHostApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        }));
        return (app.Services.GetRequiredService<IOptionsMonitor<DurableTaskWorkerOptions>>().Get(Options.DefaultName).DataConverter,
            app.Services.GetRequiredService<IOptionsMonitor<DurableTaskClientOptions>>().Get(Options.DefaultName).DataConverter);
    }

    public static (DataConverter Worker, DataConverter Client) Functions()
    {
        FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureOnboarding(); // what Program.cs does before Build()
        new DurableTaskExtensionStartup().Configure(builder); // as the worker runs it (its generated startup code, absent under a test runner)
        ServiceProvider services = builder.Services.BuildServiceProvider();
        return (services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter,
            services.GetRequiredService<IOptions<DurableTaskClientOptions>>().Value.DataConverter);
    }
}
