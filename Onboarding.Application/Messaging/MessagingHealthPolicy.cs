using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Application.Messaging;

/// <summary>Tells <see cref="MessagingHealth"/> how each try of an ACS request ended.</summary>
public sealed class MessagingHealthPolicy(MessagingHealth health) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception)
        {
            health.Unreachable();
            throw;
        }

        health.Answered(message.Response.Status);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        catch (Exception)
        {
            health.Unreachable();
            throw;
        }

        health.Answered(message.Response.Status);
    }
}
