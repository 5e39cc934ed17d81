using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Onboarding.Application.Http;

namespace Onboarding.Application.Operators.Http;

/// <summary>
/// The operator page at <c>/ops</c>, with its script and stylesheet at <c>/ops/ops.js</c> and
/// <c>/ops/ops.css</c> (embedded; no assets from the internet). The page holds the operator key, so
/// its policy allows scripts and styles from this origin only — no inline code or style that an
/// injection could use. The page says whether the platform signed the operator in, so it asks for the
/// key without first trying a call that would answer 401.
/// </summary>
public static class OperatorPage
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static readonly Lazy<string> Html = new(() => Read("ops.html"));

    /// <summary>The page's own files, by the name under <c>/ops/</c>, with their media types.</summary>
    static readonly Lazy<FrozenDictionary<string, (string Content, string MediaType)>> Files = new(() => new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["ops.js"] = (Read("ops/ops.js"), "text/javascript; charset=utf-8"),
        ["ops.css"] = (Read("ops/ops.css"), "text/css; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal));

    const string SignedInMarker = "<meta name=\"operator-signed-in\" content=\"false\">";

    public static Task<IResult> ServeAsync(bool signedIn) => Task.FromResult<IResult>(new Asset(
        signedIn ? Html.Value.Replace(SignedInMarker, SignedInMarker.Replace("false", "true", StringComparison.Ordinal), StringComparison.Ordinal) : Html.Value,
        "text/html; charset=utf-8"));

    /// <summary>The page's script or stylesheet (they hold nothing secret: anyone may load them, as the page on the public app).</summary>
    public static Task<IResult> ServeFileAsync(string file) => Task.FromResult(
        Files.Value.TryGetValue(file, out (string Content, string MediaType) asset)
            ? new Asset(asset.Content, asset.MediaType)
            : Problems.NotFound().ToResult());

    static string Read(string resource)
    {
        using Stream stream = typeof(OperatorPage).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    sealed class Asset(string content, string mediaType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            HttpResponse response = httpContext.Response;
            response.ContentType = mediaType;
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Frame-Options"] = "DENY";
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return response.WriteAsync(content);
        }
    }
}
