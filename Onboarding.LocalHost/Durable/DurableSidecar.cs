using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Options;
using Onboarding.Application.JourneyClient;

namespace Onboarding.LocalHost.Durable;

/// <summary>
/// The Durable Task sidecar (<c>TaskHubGrpcServer</c>) in its own small gRPC server on
/// 127.0.0.1, over the Azure Storage orchestration service (or the in-memory one). The worker
/// and client of the local host connect to it like Durable Functions' worker connects to its host.
/// Registered before the worker, so it starts first and stops last. Its worker is the only one of
/// its task hub, so it reports every commit to <see cref="CommittedStatuses"/>.
/// </summary>
public sealed class DurableSidecar(
    IOptions<DurableOptions> options,
    IOptions<Onboarding.Application.Configuration.StorageOptions> storage,
    CommittedStatuses commits,
    EngineCounts counts,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    WebApplication? server;

    public string Address => $"http://127.0.0.1:{options.Value.SidecarPort}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IOrchestrationService service = new CommitReportingService(await CreateServiceAsync(cancellationToken), commits, counts);
        commits.ReportEveryCommit();

        // Its own configuration-free host: nothing of the app's (URLs, logging) applies to it.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddLogging();
        builder.Services.AddRouting();
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, options.Value.SidecarPort, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 16 * 1024 * 1024);
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton((IOrchestrationServiceClient)service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        server = builder.Build();
        server.MapGrpcService<TaskHubGrpcServer>();
        await server.StartAsync(cancellationToken);
    }

    async Task<IOrchestrationService> CreateServiceAsync(CancellationToken cancellationToken)
    {
        DurableOptions durable = options.Value;
        if (durable.Backend == DurableBackend.InMemory)
        {
            var inMemory = new InMemoryService(loggerFactory);
            await inMemory.CreateIfNotExistsAsync();
            return inMemory;
        }

        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = durable.TaskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(durable.ConnectionString ?? storage.Value.ConnectionString!),
            WorkerId = durable.WorkerId,
            PartitionCount = durable.PartitionCount,
            MaxQueuePollingInterval = durable.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = durable.MessageVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = durable.MessageVisibilityTimeout,
            MaxConcurrentTaskOrchestrationWorkItems = durable.MaxConcurrentOrchestrations,
            MaxConcurrentTaskActivityWorkItems = durable.MaxConcurrentActivities,
            LoggerFactory = loggerFactory,
            // As Durable Functions sets it on Azure: a start refused by its dedupe statuses throws
            // (OrchestrationAlreadyExistsException at the client) instead of passing unnoticed.
            ThrowExceptionOnInvalidDedupeStatus = true,
        });
        await service.CreateIfNotExistsAsync();
        return service;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            await server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
