using System.Net.Http.Headers;
using System.Text;
using Onboarding.Application.Http;
using Onboarding.Tests.Contract;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Abuse;

/// <summary>Every route of openapi.yaml on the local host, and the answers of no route: every response carries the security headers, and no page allows inline code.</summary>
[Collection(AbuseHostCollection.Name)]
public sealed class SecurityHeaderRouteTests(AbuseHostFixture fixture)
{
    [Fact]
    public async Task EveryRoute_EveryResponse_CarriesTheSecurityHeaders()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(fixture.Http);
        Uri link = new(fixture.Host.BaseAddress, $"/api/journeys/{journey.JourneyId}/email-confirmation?token=not-the-token");
        var requests = ContractDocument.Operations(ContractDocument.Load())
            .Select(operation => (operation.Method, Path: operation.Path.Replace("{journeyId}", journey.JourneyId, StringComparison.Ordinal)))
            .Append(("GET", link.PathAndQuery))
            .Append(("GET", "/no/such/route"))
            .Append(("PUT", "/api/journeys"))
            .ToArray();

        var failures = new List<string>();
        int html = 0;
        foreach ((string method, string path) in requests)
        {
            foreach (bool https in new[] { false, true })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token"); // nothing changes
                if (https)
                {
                    request.Headers.Add("X-Forwarded-Proto", "https"); // through the trusted proxy
                }

                using HttpResponseMessage response = await fixture.Http.SendAsync(request);
                string where = $"{method} {path}{(https ? " (https)" : "")} → {(int)response.StatusCode}";
                Check(response.Headers, "X-Content-Type-Options", "nosniff", where, failures);
                Check(response.Headers, "Referrer-Policy", "no-referrer", where, failures);
                Check(response.Headers, "Strict-Transport-Security", https ? SecurityHeaders.StrictTransportSecurity : null, where, failures);
                if (response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    html++;
                    string? policy = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(",", values) : null;
                    if (policy is null || !policy.Contains("frame-ancestors 'none'", StringComparison.Ordinal) || !policy.Contains("default-src 'none'", StringComparison.Ordinal)
                        || policy.Contains("unsafe-inline", StringComparison.Ordinal))
                    {
                        failures.Add($"{where}: HTML with Content-Security-Policy '{policy}'");
                    }

                    // A page's own inline stylesheet is allowed by its hash, or the browser would not apply it.
                    foreach (System.Text.RegularExpressions.Match style in System.Text.RegularExpressions.Regex.Matches(await response.Content.ReadAsStringAsync(), "<style>(.*?)</style>", System.Text.RegularExpressions.RegexOptions.Singleline))
                    {
                        if (policy?.Contains(SecurityHeaders.StyleHashSource(style.Groups[1].Value), StringComparison.Ordinal) != true)
                        {
                            failures.Add($"{where}: its <style> is not allowed by '{policy}'");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(html >= 6, $"only {html} HTML answers seen: the pages (operator page, confirmation page, outbox) were not reached");
    }

    static void Check(HttpResponseHeaders headers, string name, string? expected, string where, List<string> failures)
    {
        string? actual = headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
        if (actual != expected)
        {
            failures.Add($"{where}: {name} '{actual}', expected '{expected}'");
        }
    }
}
