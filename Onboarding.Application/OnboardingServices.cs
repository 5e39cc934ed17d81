using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.EventGrid;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Application.Inputs;
using Onboarding.Application.Configuration;
using Onboarding.Application.Events;
using Onboarding.Application.Events.Http;
using Onboarding.Application.Resume.Http;
using Onboarding.Application.Http;
using Onboarding.Application.HumanCheck.Http;
using Onboarding.Application.HumanCheck;
using Onboarding.Application.JourneyClient;
using Onboarding.Application.Journeys.Http;
using Onboarding.Application.Limits;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators.Http;
using Onboarding.Application.Operators;
using Onboarding.Application.PersonalData.Http;
using Onboarding.Application.PersonalData;
using Onboarding.Application.Registration.Http;
using Onboarding.Application.Registration;
using Onboarding.Application.Resume;
using Onboarding.Application.Retention;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Application.Verification.Http;
using Onboarding.Application.Verification;

namespace Onboarding.Application;

/// <summary>
/// The one DI entry point both hosts call. A host adds a bank (<see cref="IDepositGateway"/>): a real
/// one, or the sandbox bank of Onboarding.Development.
/// </summary>
public static class OnboardingServices
{
    public static IServiceCollection AddOnboarding(this IServiceCollection services)
    {
        services.AddOptions<JourneyOptions>().BindConfiguration(JourneyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OnboardingOptions>().BindConfiguration(OnboardingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HumanCheckOptions>().BindConfiguration(HumanCheckOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OperatorOptions>().BindConfiguration(OperatorOptions.SectionName);
        services.AddOptions<EventsOptions>().BindConfiguration(EventsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SupportOptions>().BindConfiguration(SupportOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // Logs: a request's query string (the e-mail link's token) never reaches a log, at any level.
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider =>
            new QueryRedactingLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(provider))));

        // Adapters
        services.AddSingleton(CreateTables);
        services.AddSingleton<MessagingHealth>();
        services.AddSingleton(CreateAcsClient);
        services.AddSingleton(CreateEventGridClient);
        services.AddSingleton<IEmailSender>(provider => provider.GetRequiredService<AcsClient>());
        services.AddSingleton<ISmsSender>(provider => provider.GetRequiredService<AcsClient>());
        // Held by a singleton gate: pooled connections are renewed so DNS changes reach it.
        services.AddHttpClient<IHumanCheck, TurnstileCheck>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

        // The journey's state outside the orchestration
        services.AddSingleton<JourneySecrets>();
        services.AddSingleton<LookupKeys>();
        services.AddSingleton<FieldCipher>();
        services.AddSingleton<JourneyRecords>();
        services.AddSingleton<JourneyInputStore>();
        services.AddSingleton<EmailClaims>();
        services.AddSingleton<AddressHolders>();
        services.AddSingleton<Deliveries>();
        services.AddSingleton<UserMessenger>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<ActionLog>();
        services.AddSingleton<JourneyIndex>();
        services.AddMetrics();
        services.AddSingleton<JourneyMetrics>();
        services.AddSingleton<JourneyEventLog>();
        services.AddSingleton<JourneyEventPublisher>();
        services.AddSingleton<JourneyEventDelivery>();
        services.AddSingleton<ProgressRecorder>();
        services.AddSingleton<LimitCounters>();
        services.AddSingleton<BankAccountOwners>();
        services.AddSingleton<ResumeLinks>();
        services.AddSingleton<ResumeMailer>();
        services.AddHostedService(provider => provider.GetRequiredService<ResumeMailer>());

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

        // Personal data: forgetting, erasing, erasure requests, the retention sweep
        services.AddSingleton<JourneyForgetter>();
        services.AddSingleton<JourneyEraser>();
        services.AddSingleton<ErasureRequests>();
        services.AddSingleton<FieldReencryption>();
        services.AddSingleton<SweepLease>();
        services.AddSingleton<FinishedJourneySweep>();
        services.AddSingleton<InactiveJourneySweep>();
        services.AddSingleton<ErasureSweep>();
        services.AddSingleton<OperatorRecordsSweep>();
        services.AddSingleton<RetentionSweeper>();

        // HTTP
        services.AddSingleton<ApiCall>();
        services.AddSingleton<ClientAddresses>();
        services.AddSingleton<SecurityHeaders>();
        services.AddSingleton<RequestLimits>();
        services.AddSingleton<ReadLimits>();
        services.AddSingleton<OpenStreams>();
        services.AddSingleton<HumanCheckGate>();
        services.AddSingleton<EmailOwnership>();
        services.AddSingleton<OperatorAccess>();
        services.AddSingleton<JourneyAccess>();
        services.AddSingleton<CommittedStatuses>();
        services.AddSingleton<JourneyProgressReader>();
        services.AddSingleton<JourneyInputs>();
        services.AddSingleton<JourneyInputRoutes>();
        services.AddSingleton<JourneyStarter>();
        services.AddSingleton<IdempotentStarts>();
        services.AddSingleton<JourneyEndpoints>();
        services.AddSingleton<JourneyEventsEndpoint>();
        services.AddSingleton<RegistrationEndpoints>();
        services.AddSingleton<VerificationEndpoints>();
        services.AddSingleton<SystemEndpoints>();
        services.AddSingleton<OperatorEndpoints>();
        services.AddSingleton<ErasureEndpoints>();
        services.AddSingleton<EventReplayEndpoints>();
        services.AddSingleton<RegistrationOptionsEndpoint>();
        services.AddSingleton<ResumeEndpoints>();
        return services;
    }

    static OnboardingTables CreateTables(IServiceProvider provider)
    {
        StorageOptions options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        TableServiceClient client = string.IsNullOrEmpty(options.ConnectionString)
            ? new TableServiceClient(new Uri(options.TableServiceUri!), Credential(options.ManagedIdentityClientId), TableRetries())
            : new TableServiceClient(options.ConnectionString, TableRetries());
        return new OnboardingTables(client, options.TablePrefix);
    }

    /// <summary>
    /// A table try that gets no answer is abandoned after 10 s (the SDK's default waits 100 s), and a
    /// call gives up after two tries (~21 s): an activity ends inside the 30 s its task hub message
    /// stays locked and retries through its own policy; a request ends at its deadline before that.
    /// (6 s a try was tried: an Azurite catching up after a pause answers slower than that, and the
    /// extra tries kept it overloaded for minutes.)
    /// </summary>
    static TableClientOptions TableRetries()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(4);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return options;
    }

    static AcsClient CreateAcsClient(IServiceProvider provider)
    {
        MessagingOptions options = provider.GetRequiredService<IOptions<MessagingOptions>>().Value;
        var client = new AcsClientOptions();
        client.AddPolicy(new MessagingHealthPolicy(provider.GetRequiredService<MessagingHealth>()), HttpPipelinePosition.PerRetry);
        return string.IsNullOrEmpty(options.ConnectionString)
            ? AcsClient.FromCredential(new Uri(options.Endpoint!), Credential(options.ManagedIdentityClientId), options.SenderAddress, options.SmsFrom, client)
            : AcsClient.FromConnectionString(options.ConnectionString, options.SenderAddress, options.SmsFrom, client);
    }

    /// <summary>
    /// The Event Grid topic's client: a key for the local stand-in (plain http), else the managed identity
    /// (https only: Azure.Core sends a bearer token over TLS alone). One try per call, bounded by
    /// Events:PublishTimeout: the relay retries, never a journey's step. The trace context is the event's
    /// own (recorded with it), so every delivery of an event carries the same content.
    /// </summary>
    static EventGridPublisherClient CreateEventGridClient(IServiceProvider provider)
    {
        EventsOptions options = provider.GetRequiredService<IOptions<EventsOptions>>().Value;
        var client = new EventGridPublisherClientOptions();
        client.Retry.MaxRetries = 0;
        client.Retry.NetworkTimeout = options.PublishTimeout;
        client.Diagnostics.IsDistributedTracingEnabled = false;
        var endpoint = new Uri(options.TopicEndpoint);
        return string.IsNullOrEmpty(options.AccessKey)
            ? new EventGridPublisherClient(endpoint, Credential(options.ManagedIdentityClientId), client)
            : new EventGridPublisherClient(endpoint, new Azure.AzureKeyCredential(options.AccessKey), client);
    }

    /// <summary>The app's managed identity on Azure (a user-assigned one when its client id is given).</summary>
    static TokenCredential Credential(string? clientId) =>
        string.IsNullOrEmpty(clientId) ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned) : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
