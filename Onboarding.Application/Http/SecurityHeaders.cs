using Microsoft.AspNetCore.Http;

namespace Onboarding.Application.Http;

/// <summary>
/// The headers every response carries, from both hosts (the local host's middleware, the Functions
/// worker's middleware): no content sniffing, no referrer (URLs can hold a link token), HSTS when the
/// client came over HTTPS, and on HTML a strict content security policy that forbids framing —
/// unless the page set its own, which then stands.
/// </summary>
public sealed class SecurityHeaders(ClientAddresses clients)
{
    /// <summary>For HTML without a policy of its own: nothing loads or runs (no inline style either), nothing frames it, forms post nowhere.</summary>
    public const string DefaultPolicy = "default-src 'none'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// The policy's source for one fixed inline stylesheet, <c>'sha256-…'</c>: a page allows its own
    /// <c>&lt;style&gt;</c> (exactly <paramref name="css"/>) and no other inline style.
    /// </summary>
    public static string StyleHashSource(string css) =>
        $"'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(css)))}'";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    /// <summary>
    /// What every response carries, HTML or not (over HTTPS <see cref="StrictTransportSecurity"/> too).
    /// The Functions host answers some requests itself — an unknown route, a preflight, a wrong
    /// method — without the worker: host.json's <c>extensions.http.customHeaders</c> gives those the
    /// same headers (a test keeps them equal), and the host adds them only where the worker did not.
    /// </summary>
    public static IReadOnlyDictionary<string, string> EveryResponse { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "no-referrer",
    };

    /// <summary>Adds the headers when the response starts (so a handler's own policy is seen first).</summary>
    public void Apply(HttpContext context)
    {
        bool https = clients.IsHttps(context.Request);
        context.Response.OnStarting(() =>
        {
            Set(context.Response, https);
            return Task.CompletedTask;
        });
    }

    /// <summary>Sets the headers on <paramref name="response"/> as it is about to start.</summary>
    public static void Set(HttpResponse response, bool https)
    {
        IHeaderDictionary headers = response.Headers;
        foreach ((string name, string value) in EveryResponse)
        {
            headers[name] = value;
        }

        if (https)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        if (IsHtml(response.ContentType) && string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = DefaultPolicy;
        }
    }

    static bool IsHtml(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
}
