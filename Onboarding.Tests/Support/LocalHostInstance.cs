using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Onboarding.Application.Storage;
using Onboarding.LocalHost;
using Onboarding.LocalHost.Durable;

namespace Onboarding.Tests.Support;

/// <summary>
/// The local host, started in this process on a free port with a real HTTP listener: its own
/// task hub and table prefix on the shared Azurite, so hosts never see each other's data.
/// </summary>
public sealed class LocalHostInstance : IAsyncDisposable
{
    readonly WebApplication app;

    LocalHostInstance(WebApplication app, Uri baseAddress, CapturedLogs logs, string tablePrefix, string taskHub, string acsAccessKey)
    {
        this.app = app;
        BaseAddress = baseAddress;
        Logs = logs;
        TablePrefix = tablePrefix;
        TaskHub = taskHub;
        AcsAccessKey = acsAccessKey;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>In a setting's value, stands for the host's own address (known only once its port is chosen).</summary>
    public const string PublicBaseUrlPlaceholder = "{PublicBaseUrl}";

    /// <summary>The <c>x-functions-key</c> of the operator routes on every test host.</summary>
    public const string OperatorKey = "test-operator-key";

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public CapturedLogs Logs { get; }

    public string TablePrefix { get; }

    public string TaskHub { get; }

    /// <summary>The key the local ACS endpoint checks signatures with.</summary>
    public string AcsAccessKey { get; }

    public IServiceProvider Services => app.Services;

    public DurableTaskClient Durable => app.Services.GetRequiredService<DurableTaskClient>();

    public OnboardingTables Tables => app.Services.GetRequiredService<OnboardingTables>();

    public static async Task<LocalHostInstance> StartAsync(DurableBackend backend, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        int port = Onboarding.Testing.Ports.Free();
        string url = $"http://127.0.0.1:{port}";
        string suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        string tablePrefix = "t" + suffix;
        string taskHub = "hub" + suffix;
        byte[] hmacKey = RandomNumberGenerator.GetBytes(32);
        string acsKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string topicKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var configuration = new Dictionary<string, string?>
        {
            ["Urls"] = url,
            ["Onboarding:PublicBaseUrl"] = url,
            ["Onboarding:HmacKey"] = Convert.ToBase64String(hmacKey),
            ["Onboarding:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Onboarding:FieldKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Onboarding:EnableDevelopmentRoutes"] = "true",
            ["Storage:ConnectionString"] = TestStorage.ConnectionString,
            ["Storage:TablePrefix"] = tablePrefix,
            ["Messaging:ConnectionString"] = $"endpoint={url}/acs/;accesskey={acsKey}",
            ["LocalAcs:AccessKey"] = acsKey,
            ["Events:TopicEndpoint"] = url + "/eventgrid/api/events",
            ["Events:AccessKey"] = topicKey,
            ["Events:RelayInterval"] = "00:00:01",
            ["LocalEventGrid:AccessKey"] = topicKey,
            ["Durable:Backend"] = backend.ToString(),
            ["Durable:TaskHub"] = taskHub,
            ["Durable:WorkerId"] = "worker-" + suffix,
            ["Durable:MaxQueuePollingInterval"] = "00:00:00.500",
            ["Operator:Key"] = OperatorKey,
        };
        foreach ((string key, string value) in Onboarding.Testing.TestLimits.Raised)
        {
            configuration["Limits:" + key] = value;
        }

        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value?.Replace(PublicBaseUrlPlaceholder, url, StringComparison.Ordinal);
        }

        var logs = new CapturedLogs();
        WebApplication app = LocalHostApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddProvider(logs);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new LocalHostInstance(app, new Uri(url), logs, tablePrefix, taskHub, acsKey);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // a stuck shutdown must not fail the test run
        }

        await app.DisposeAsync();
    }
}
