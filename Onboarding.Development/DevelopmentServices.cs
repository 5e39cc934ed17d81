using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Onboarding.Application.Verification;

namespace Onboarding.Development;

/// <summary>What a host adds of the development stand-ins, after <c>AddOnboarding()</c>.</summary>
public static class DevelopmentServices
{
    /// <summary>The sandbox bank, as the deposit gateway unless the host registered another one before.</summary>
    public static IServiceCollection AddSandboxBank(this IServiceCollection services)
    {
        services.AddSingleton<SandboxBank>();
        services.TryAddSingleton<IDepositGateway>(provider => provider.GetRequiredService<SandboxBank>());
        return services;
    }

    /// <summary>The sandbox bank, the outbox (where the local ACS endpoint records messages, the local Event Grid topic events) and the handlers of the /dev routes.</summary>
    public static IServiceCollection AddDevelopment(this IServiceCollection services)
    {
        services.AddSandboxBank();
        services.AddSingleton<DevOutbox>();
        services.AddSingleton<DevEvents>();
        services.AddSingleton<DevEndpoints>();
        return services;
    }
}
