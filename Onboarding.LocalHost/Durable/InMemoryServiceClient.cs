using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask.Testing.Sidecar;

namespace Onboarding.LocalHost.Durable;

/// <summary>
/// The in-memory service's client side, with one change: a message for an instance that does not
/// exist (an event raised just after an erase purged the journey) is dropped, as the Azure Storage
/// provider drops it. The in-memory service would make an instance without history of it, and its
/// dispatcher would then retry that instance for ever.
/// </summary>
sealed class InMemoryServiceClient(InMemoryOrchestrationService service, ILogger<InMemoryServiceClient> logger)
    : IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    public async Task SendTaskOrchestrationMessageAsync(TaskMessage message)
    {
        if (await ExistsAsync(message))
        {
            await service.SendTaskOrchestrationMessageAsync(message);
        }
    }

    public async Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        foreach (TaskMessage message in messages)
        {
            await SendTaskOrchestrationMessageAsync(message);
        }
    }

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new DurableTask.Core.History.ExecutionTerminatedEvent(-1, reason),
        });

    async Task<bool> ExistsAsync(TaskMessage message)
    {
        if (message.Event is DurableTask.Core.History.ExecutionStartedEvent
            || await service.GetOrchestrationStateAsync(message.OrchestrationInstance.InstanceId, executionId: null) is not null)
        {
            return true;
        }

        logger.LogWarning("Dropped a {EventType} message for instance {InstanceId}, which does not exist.", message.Event.EventType, message.OrchestrationInstance.InstanceId);
        return false;
    }

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => service.CreateTaskOrchestrationAsync(creationMessage);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) =>
        service.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);

    public Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        service.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) =>
        service.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) =>
        service.GetOrchestrationStateAsync(instanceId, executionId);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) =>
        service.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        service.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        service.GetOrchestrationWithQueryAsync(query, cancellationToken);

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => service.PurgeInstanceStateAsync(instanceId);

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) => service.PurgeInstanceStateAsync(purgeInstanceFilter);
}
