using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// The client address the app counts on Azure, through the same two hops as there, over real
/// sockets: the Functions host forwards each HTTP request to the worker with YARP's
/// <c>IHttpForwarder</c> and its default transformer (Azure/azure-functions-host,
/// src/WebJobs.Script.Grpc/Server/DefaultHttpProxyService.cs), which SETS <c>X-Forwarded-For</c> to
/// the address the host saw and <c>X-Forwarded-Proto</c> to its scheme (the host takes that from App
/// Service's front end: AppServiceHeaderFixupMiddleware); the worker's ASP.NET Core integration runs
/// <c>UseForwardedHeaders</c> with <c>ForwardedHeaders.All</c> and the default trusted loopback
/// (Azure/azure-functions-dotnet-worker, extensions/Worker.Extensions.Http.AspNetCore/src/
/// FunctionsHostBuilderExtensions.cs). The app then applies the template's Network:TrustedProxies.
/// The client connects from 127.0.0.3 (loopback, but not the host's address) and forges a header.
/// </summary>
public sealed class ForwardedClientAddressTests(BicepTemplateFixture bicep) : IClassFixture<BicepTemplateFixture>
{
    static readonly IPAddress Client = IPAddress.Parse("127.0.0.3");

    [Fact]
    public async Task ClientAddress_ThroughTheFunctionsHostsProxy_IsTheConnectionNotTheForgedHeader()
    {
        // Arrange: the worker (the app's view), the host's proxy in front of it, a client behind both.
        await using WebApplication worker = await StartWorkerAsync(TrustedProxiesOfTheTemplate());
        await using WebApplication host = await StartHostAsync(worker.Urls.Single());
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = ConnectFromClientAddressAsync });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{host.Urls.Single()}/who");
        request.Headers.Add("X-Forwarded-For", "203.0.113.66"); // what an attacker writes to look like someone else
        request.Headers.Add("X-Forwarded-Proto", "https"); // what App Service's front end tells the host

        // Act
        using HttpResponseMessage response = await client.SendAsync(request);
        JsonNode seen = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        // Assert: the limits count the connection the host saw; the forged entry is gone; HTTPS is known.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Client.ToString(), seen["countedAs"]!.GetValue<string>());
        Assert.True(seen["https"]!.GetValue<bool>());
    }

    string[] TrustedProxiesOfTheTemplate()
    {
        string[] proxies = bicep.AppSettings().Where(setting => setting.Key.StartsWith("Network__TrustedProxies__", StringComparison.Ordinal))
            .Select(setting => setting.Value!.GetValue<string>()).ToArray();
        Assert.NotEmpty(proxies);
        return proxies;
    }

    /// <summary>The worker as the ASP.NET Core integration sets it up, answering with what the app makes of the request.</summary>
    static async Task<WebApplication> StartWorkerAsync(string[] trustedProxies)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.All);
        WebApplication app = builder.Build();
        app.UseForwardedHeaders();
        var clients = new ClientAddresses(Options.Create(new NetworkOptions { TrustedProxies = [.. trustedProxies] }));
        app.MapGet("/who", (HttpRequest request) => Results.Json(new { countedAs = string.Join(",", clients.CountedAs(request).Select(network => network.Key)), https = clients.IsHttps(request) }));
        await app.StartAsync();
        return app;
    }

    /// <summary>The Functions host's hop: the front end's scheme taken, then the request forwarded as DefaultHttpProxyService does.</summary>
    static async Task<WebApplication> StartHostAsync(string worker)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHttpForwarder();
        WebApplication app = builder.Build();
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        var config = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(240) };
        app.Use(async (HttpContext context, RequestDelegate _) =>
        {
            if (context.Request.Headers["X-Forwarded-Proto"].FirstOrDefault() is { Length: > 0 } scheme)
            {
                context.Request.Scheme = scheme; // AppServiceHeaderFixupMiddleware
            }

            await context.RequestServices.GetRequiredService<IHttpForwarder>().SendAsync(context, worker, invoker, config);
        });
        await app.StartAsync();
        return app;
    }

    static async ValueTask<Stream> ConnectFromClientAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(Client, 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
