using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Testing.Sidecar;

namespace Onboarding.LocalHost.Durable;

/// <summary>
/// The in-memory orchestration service with one change: a message for an instance that does not
/// exist — an activity's result or an event that arrives after an erase purged the journey — is
/// dropped, as the Azure Storage provider drops it. The in-memory service would make an instance
/// without history of it, and its dispatcher would retry that instance for ever.
/// </summary>
/// <remarks>The base class's methods are not virtual: the interfaces are re-implemented for just these members.</remarks>
sealed class InMemoryService(ILoggerFactory loggerFactory)
    : InMemoryOrchestrationService(loggerFactory), IOrchestrationService, IOrchestrationServiceClient
{
    readonly ILogger logger = loggerFactory.CreateLogger<InMemoryService>();

    async Task IOrchestrationService.CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        if (await ExistsAsync(responseMessage))
        {
            await CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        }
    }

    async Task IOrchestrationServiceClient.SendTaskOrchestrationMessageAsync(TaskMessage message)
    {
        if (await ExistsAsync(message))
        {
            await SendTaskOrchestrationMessageAsync(message);
        }
    }

    async Task IOrchestrationServiceClient.SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        foreach (TaskMessage message in messages)
        {
            await ((IOrchestrationServiceClient)this).SendTaskOrchestrationMessageAsync(message);
        }
    }

    Task IOrchestrationServiceClient.ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        ((IOrchestrationServiceClient)this).SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new ExecutionTerminatedEvent(-1, reason),
        });

    async Task<bool> ExistsAsync(TaskMessage message)
    {
        string instanceId = message.OrchestrationInstance.InstanceId;
        if (message.Event is ExecutionStartedEvent || await GetOrchestrationStateAsync(instanceId, executionId: null) is not null)
        {
            return true;
        }

        logger.LogWarning("Dropped a {EventType} message for instance {InstanceId}, which does not exist.", message.Event.EventType, instanceId);
        return false;
    }
}
