using System.Net;
using WebAppFiles = Onboarding.Application.Http.Web.WebApp;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.EndToEnd;

/// <summary>The web app's files as the hosts serve them: types, the strict CSP, the security headers, nothing else.</summary>
public sealed class WebAppServingTests : IAsyncLifetime
{
    LocalHostInstance host = null!;

    public async Task InitializeAsync() => host = await LocalHostInstance.StartAsync(DurableBackend.InMemory);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Files_EveryOne_ServedWithItsTypeTheStrictPolicyAndTheSecurityHeaders()
    {
        string[] files = WebAppFiles.FileNames.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["api.js", "app.js", "icon.svg", "journey.js", "live.js", "styles.css", "texts.js"], files);
        foreach (string path in files.Select(file => "/app/" + file).Append("/"))
        {
            using HttpResponseMessage response = await host.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            string expectedType = Path.GetExtension(path == "/" ? "index.html" : path) switch
            {
                ".html" => "text/html",
                ".js" => "text/javascript",
                ".css" => "text/css",
                _ => "image/svg+xml",
            };
            Assert.Equal(expectedType, response.Content.Headers.ContentType?.MediaType);
            string policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
    }

    [Fact]
    public async Task Page_References_OnlyItsOwnFiles()
    {
        string html = await host.Http.GetStringAsync("/");

        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal); // no inline script: the CSP would block it
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/app/nothing.js")]
    [InlineData("/app/app.js.map")]
    [InlineData("/app/..%2Fopenapi.yaml")]
    [InlineData("/app/index.html")]
    [InlineData("/app/App.js")]
    [InlineData("/app.js")]
    public async Task Files_Unknown_AreNotFoundProblems(string path)
    {
        using HttpResponseMessage response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
