using System.Net.Sockets;
using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Http;
using Onboarding.Application.Operators;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Verification;
using Onboarding.Application;
using Onboarding.Development;
using Onboarding.LocalHost.Acs;
using Onboarding.LocalHost.Durable;
using Onboarding.LocalHost.EventGrid;
using Onboarding.LocalHost.Faults;

namespace Onboarding.LocalHost;

/// <summary>Builds the local host; tests build it the same way with their own configuration.</summary>
public static class LocalHostApp
{
    static readonly System.Text.Encoding LenientUtf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024; // handlers stop reading at 16 KiB
            // Connections (each event stream holds one): bounded, so a flood meets a refused connection
            // instead of file descriptors running out; no upgrades (nothing here uses WebSockets); idle
            // and slow connections let go sooner than the defaults (130 s, 30 s). The application's own
            // limits per client and per journey (ReadLimits, OpenStreams) stop one token long before.
            kestrel.Limits.MaxConcurrentConnections = 4096;
            kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.Http2.MaxStreamsPerConnection = 20;
            // Header bytes that are not UTF-8 become U+FFFD instead of a bare 400 from the server: the request
            // reaches the service, which answers it by the contract (a token that does not match, a key of the wrong form).
            kestrel.RequestHeaderEncodingSelector = _ => LenientUtf8;
        });

        // Fault injection (development only): the bank behind the rules, and /dev/faults to set them.
        builder.Services.AddSingleton<DevFaults>();
        bool faultsEnabled = builder.Configuration.GetValue<bool>($"{DevFaultOptions.SectionName}:{nameof(DevFaultOptions.Enabled)}")
            && builder.Configuration.GetValue<bool>($"{OnboardingOptions.SectionName}:{nameof(OnboardingOptions.EnableDevelopmentRoutes)}");
        if (faultsEnabled)
        {
            builder.Services.AddSingleton<IDepositGateway>(provider =>
                new FaultInjectingBank(provider.GetRequiredService<SandboxBank>(), provider.GetRequiredService<DevFaults>()));
        }

        builder.Services.AddOnboarding();
        builder.Services.AddDevelopment(); // the sandbox bank (unless faults wrap it above), the outbox, the /dev handlers
        builder.Services.AddOnboardingTelemetry(builder.Configuration);
        builder.Services.AddOptions<LocalAcsOptions>().BindConfiguration(LocalAcsOptions.SectionName);
        builder.Services.AddOptions<LocalEventGridOptions>().BindConfiguration(LocalEventGridOptions.SectionName);
        builder.Services.AddSingleton<EventSubscribers>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<EventSubscribers>());
        builder.Services.AddOptions<BrowserOriginsOptions>().BindConfiguration(BrowserOriginsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        string[] origins = builder.Configuration.GetSection(BrowserOriginsOptions.SectionName).Get<BrowserOriginsOptions>()?.AllowedOrigins.ToArray() ?? [];
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID", "x-functions-key")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        builder.Services.AddOptions<DurableOptions>().BindConfiguration(DurableOptions.SectionName)
            .PostConfigure(durable => durable.SidecarPort = durable.SidecarPort == 0 ? FreePort() : durable.SidecarPort);

        // The sidecar first, then the worker that connects to it (hosted services start in order).
        builder.Services.AddSingleton<EngineCounts>();
        builder.Services.AddSingleton<DurableSidecar>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<DurableSidecar>());
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registry => registry.AddJourney());
            worker.UseGrpc();
            // Journeys run on the version they started or continued on; one newer than this build is
            // left alone (for a newer worker during a rolling deploy), never failed.
            worker.UseVersioning(new DurableTaskWorkerOptions.VersioningOptions
            {
                Version = JourneyVersions.Current,
                DefaultVersion = JourneyVersions.Current,
                MatchStrategy = DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder,
                FailureStrategy = DurableTaskWorkerOptions.VersionFailureStrategy.Reject,
            });
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc();
            client.UseDefaultVersion(JourneyVersions.Current);
            client.Configure(options => options.DataConverter = JourneyDataFormat.Converter);
        });
        builder.Services.AddHostedService<RetentionSweepService>();
        builder.Services.AddHostedService<EventRelayService>();
        builder.Services.AddOptions<Microsoft.DurableTask.Worker.Grpc.GrpcDurableTaskWorkerOptions>(Options.DefaultName)
            .Configure<DurableSidecar>((grpc, sidecar) => grpc.Address = sidecar.Address);
        builder.Services.AddOptions<Microsoft.DurableTask.Client.Grpc.GrpcDurableTaskClientOptions>(Options.DefaultName)
            .Configure<DurableSidecar>((grpc, sidecar) => grpc.Address = sidecar.Address);
        builder.Services.AddOptions<DurableTaskWorkerOptions>(Options.DefaultName).Configure<IOptions<DurableOptions>>((worker, durable) =>
        {
            worker.DataConverter = JourneyDataFormat.Converter;
            worker.Concurrency.MaximumConcurrentOrchestrationWorkItems = durable.Value.MaxConcurrentOrchestrations;
            worker.Concurrency.MaximumConcurrentActivityWorkItems = durable.Value.MaxConcurrentActivities;
        });

        WebApplication app = builder.Build();
        app.Use(ProblemForUnmatchedRoutes);
        app.UseCors(); // answers preflights itself; an origin not in Cors:AllowedOrigins gets no CORS header
        app.MapOnboarding();
        if (app.Services.GetRequiredService<IOptions<LocalAcsOptions>>().Value.Enabled)
        {
            app.MapLocalAcs();
        }

        if (app.Services.GetRequiredService<IOptions<LocalEventGridOptions>>().Value.Enabled)
        {
            app.MapLocalEventGrid();
        }

        if (faultsEnabled)
        {
            app.MapDevFaults();
        }

        if (app.Services.GetRequiredService<IOptions<OnboardingOptions>>().Value.EnableDevelopmentRoutes)
        {
            // For the benchmark: what the engine did, the same figures on either backend.
            app.MapGet(EngineCounts.Route, (EngineCounts counts) => Results.Json(new { counts.Episodes, counts.Activities, counts.InstanceReads }));
        }

        return app;
    }

    /// <summary>Every response gets the security headers; 404 and 405 from routing (no body) the contract's problem+json.</summary>
    static async Task ProblemForUnmatchedRoutes(HttpContext context, RequestDelegate next)
    {
        context.RequestServices.GetRequiredService<SecurityHeaders>().Apply(context);
        await next(context);
        if (context.Response.StatusCode is 404 or 405 && !context.Response.HasStarted && context.Response.ContentType is null)
        {
            IResult problem = (context.Response.StatusCode == 404 ? Problems.NotFound() : Problems.MethodNotAllowed()).ToResult();
            await problem.ExecuteAsync(context);
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
