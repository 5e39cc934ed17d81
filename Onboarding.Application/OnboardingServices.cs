using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Development;
using Onboarding.Application.Http.Development;
using Onboarding.Application.Http.Journeys;
using Onboarding.Application.Http.Operators;
using Onboarding.Application.Http.Registration;
using Onboarding.Application.Http.Verification;
using Onboarding.Application.Http;
using Onboarding.Application.HumanCheck;
using Onboarding.Application.Limits;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.PersonalData;
using Onboarding.Application.Registration;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Application.Verification;

namespace Onboarding.Application;

/// <summary>The one DI entry point both hosts call.</summary>
public static class OnboardingServices
{
    public static IServiceCollection AddOnboarding(this IServiceCollection services)
    {
        services.AddOptions<JourneyOptions>().BindConfiguration(JourneyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OnboardingOptions>().BindConfiguration(OnboardingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HumanCheckOptions>().BindConfiguration(HumanCheckOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OperatorOptions>().BindConfiguration(OperatorOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);

        // Adapters
        services.AddSingleton(CreateTables);
        services.AddSingleton(CreateAcsClient);
        services.AddSingleton<IEmailSender>(provider => provider.GetRequiredService<AcsClient>());
        services.AddSingleton<ISmsSender>(provider => provider.GetRequiredService<AcsClient>());
        services.AddSingleton<SandboxBank>();
        services.TryAddSingleton<IDepositGateway>(provider => provider.GetRequiredService<SandboxBank>());
        services.AddHttpClient<IHumanCheck, TurnstileCheck>();

        // The journey's state outside the orchestration
        services.AddSingleton<JourneySecrets>();
        services.AddSingleton<LookupKeys>();
        services.AddSingleton<JourneyRecords>();
        services.AddSingleton<EmailClaims>();
        services.AddSingleton<Deliveries>();
        services.AddSingleton<UserMessenger>();
        services.AddSingleton<DevOutbox>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<JourneyIndex>();
        services.AddMetrics();
        services.AddSingleton<JourneyMetrics>();
        services.AddSingleton<ProgressRecorder>();
        services.AddSingleton<LimitCounters>();
        services.AddSingleton<BankAccountOwners>();

        // Activities
        services.AddSingleton<SendPhoneCode>();
        services.AddSingleton<SendEmailLink>();
        services.AddSingleton<OpenAccount>();
        services.AddSingleton<ReleaseRegistration>();
        services.AddSingleton<NotifyUser>();
        services.AddSingleton<SendDeposits>();
        services.AddSingleton<CompleteVerification>();
        services.AddSingleton<RecordProgress>();
        services.AddSingleton<FinishJourney>();

        // HTTP
        services.AddSingleton<ApiCall>();
        services.AddSingleton<ClientAddresses>();
        services.AddSingleton<SecurityHeaders>();
        services.AddSingleton<RequestLimits>();
        services.AddSingleton<HumanCheckGate>();
        services.AddSingleton<EmailOwnership>();
        services.AddSingleton<OperatorAccess>();
        services.AddSingleton<JourneyAccess>();
        services.AddSingleton<JourneyProgressReader>();
        services.AddSingleton<JourneyInputs>();
        services.AddSingleton<JourneyStarter>();
        services.AddSingleton<IdempotentStarts>();
        services.AddSingleton<JourneyEndpoints>();
        services.AddSingleton<RegistrationEndpoints>();
        services.AddSingleton<VerificationEndpoints>();
        services.AddSingleton<SystemEndpoints>();
        services.AddSingleton<DevEndpoints>();
        services.AddSingleton<JourneyEraser>();
        services.AddSingleton<OperatorEndpoints>();
        return services;
    }

    static OnboardingTables CreateTables(IServiceProvider provider)
    {
        StorageOptions options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        TableServiceClient client = string.IsNullOrEmpty(options.ConnectionString)
            ? new TableServiceClient(new Uri(options.TableServiceUri!), Credential(options.ManagedIdentityClientId))
            : new TableServiceClient(options.ConnectionString);
        return new OnboardingTables(client, options.TablePrefix);
    }

    static AcsClient CreateAcsClient(IServiceProvider provider)
    {
        MessagingOptions options = provider.GetRequiredService<IOptions<MessagingOptions>>().Value;
        return string.IsNullOrEmpty(options.ConnectionString)
            ? AcsClient.FromCredential(new Uri(options.Endpoint!), Credential(options.ManagedIdentityClientId), options.SenderAddress, options.SmsFrom)
            : AcsClient.FromConnectionString(options.ConnectionString, options.SenderAddress, options.SmsFrom);
    }

    /// <summary>The app's managed identity on Azure (a user-assigned one when its client id is given).</summary>
    static TokenCredential Credential(string? clientId) =>
        string.IsNullOrEmpty(clientId) ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned) : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
