using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using NSubstitute;
using Onboarding.Application.Configuration;
using Onboarding.Application.Http;
using Onboarding.Functions;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Abuse;

/// <summary>The Functions worker's middleware, on a substituted function context with a real HTTP context.</summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class SecurityHeadersTests
{
    static readonly SecurityHeaders Headers = new(new ClientAddresses(Options.Create(new NetworkOptions { TrustedProxies = ["127.0.0.1"] })));

    /// <summary>Runs the middleware around a "function" that writes the response, and returns the headers sent.</summary>
    static async Task<IHeaderDictionary> InvokeAsync(Func<HttpResponse, Task> function, Action<HttpRequest>? request = null)
    {
        var http = new DefaultHttpContext();
        var started = new StartingResponseFeature();
        http.Features.Set<IHttpResponseFeature>(started);
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        request?.Invoke(http.Request);
        FunctionContext context = Substitute.For<FunctionContext>();
        context.Items.Returns(new Dictionary<object, object> { ["HttpRequestContext"] = http });

        await new SecurityHeadersMiddleware(Headers).Invoke(context, async _ =>
        {
            await function(http.Response);
            await started.StartAsync();
        });
        return http.Response.Headers;
    }

    [Fact]
    public async Task Invoke_JsonAnswer_NoSniffNoReferrerAndNoPolicy()
    {
        IHeaderDictionary headers = await InvokeAsync(response =>
        {
            response.ContentType = "application/json";
            return Task.CompletedTask;
        });

        Assert.Equal("nosniff", headers.XContentTypeOptions);
        Assert.Equal("no-referrer", headers["Referrer-Policy"]);
        Assert.Empty(headers.ContentSecurityPolicy.ToString());
        Assert.Empty(headers.StrictTransportSecurity.ToString()); // came over plain HTTP
    }

    [Fact]
    public async Task Invoke_HtmlWithoutAPolicy_GetsTheStrictOne()
    {
        IHeaderDictionary headers = await InvokeAsync(response =>
        {
            response.ContentType = "text/html; charset=utf-8";
            return Task.CompletedTask;
        });

        Assert.Equal(SecurityHeaders.DefaultPolicy, headers.ContentSecurityPolicy);
        Assert.Contains("frame-ancestors 'none'", headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_HtmlWithItsOwnPolicy_KeepsIt()
    {
        const string own = "default-src 'self'; frame-ancestors 'none'";
        IHeaderDictionary headers = await InvokeAsync(response =>
        {
            response.ContentType = "text/html";
            response.Headers.ContentSecurityPolicy = own;
            return Task.CompletedTask;
        });

        Assert.Equal(own, headers.ContentSecurityPolicy);
    }

    [Fact]
    public async Task Invoke_HttpsThroughTheTrustedProxy_AddsStrictTransportSecurity()
    {
        IHeaderDictionary headers = await InvokeAsync(_ => Task.CompletedTask, request => request.Headers["X-Forwarded-Proto"] = "https");

        Assert.Equal(SecurityHeaders.StrictTransportSecurity, headers.StrictTransportSecurity);
    }

    [Fact]
    public async Task Invoke_NotAnHttpFunction_PassesThrough()
    {
        FunctionContext context = Substitute.For<FunctionContext>();
        context.Items.Returns(new Dictionary<object, object>());
        bool ran = false;

        await new SecurityHeadersMiddleware(Headers).Invoke(context, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
    }

    /// <summary>A response feature that runs its OnStarting callbacks when told to, as a server does before the first byte.</summary>
    sealed class StartingResponseFeature : HttpResponseFeature
    {
        readonly List<(Func<object, Task> Callback, object State)> starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => starting.Add((callback, state));

        public async Task StartAsync()
        {
            for (int i = starting.Count - 1; i >= 0; i--)
            {
                await starting[i].Callback(starting[i].State);
            }
        }
    }
}
