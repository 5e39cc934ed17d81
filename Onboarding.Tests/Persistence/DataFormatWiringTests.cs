using Microsoft.AspNetCore.Builder;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Extensions.DurableTask;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Onboarding.Application.Orchestration;
using Onboarding.Domain.Journeys;
using Onboarding.Functions;
using Onboarding.LocalHost;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Persistence;

/// <summary>Both hosts write what Durable stores in <see cref="JourneyDataFormat"/>: enums by name.</summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class DataFormatWiringTests
{
    [Fact]
    public async Task LocalHost_WorkerAndClient_WriteEnumsByName()
    {
        await using WebApplication app = LocalHostApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        }));

        DataConverter worker = app.Services.GetRequiredService<IOptionsMonitor<DurableTaskWorkerOptions>>().Get(Options.DefaultName).DataConverter;
        DataConverter client = app.Services.GetRequiredService<IOptionsMonitor<DurableTaskClientOptions>>().Get(Options.DefaultName).DataConverter;

        Assert.Equal("\"Registered\"", worker.Serialize(JourneyStage.Registered));
        Assert.Equal("\"Registered\"", client.Serialize(JourneyStage.Registered));
    }

    [Fact]
    public void FunctionsApp_DurableWorkerAndClient_WriteEnumsByName()
    {
        FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureOnboarding();
        new DurableTaskExtensionStartup().Configure(builder); // as the worker runs it (its generated startup code, absent under a test runner)
        using ServiceProvider services = builder.Services.BuildServiceProvider();

        DataConverter worker = services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
        DataConverter client = services.GetRequiredService<IOptions<DurableTaskClientOptions>>().Value.DataConverter;

        Assert.Equal("\"Registered\"", worker.Serialize(JourneyStage.Registered));
        Assert.Equal("\"Registered\"", client.Serialize(JourneyStage.Registered));
    }
}
