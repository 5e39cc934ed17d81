using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Onboarding.Application.Http.Web;

/// <summary>
/// The web app (the repository's <c>web/</c> folder, embedded): <c>GET /</c> is its page,
/// <c>GET /app/{file}</c> its scripts, styles and icon. Plain files, no build step; served with a strict CSP
/// (scripts and styles from this origin only, no inline code, no framing).
/// </summary>
public static class WebApp
{
    const string ResourcePrefix = "web/";
    const string Index = "index.html";

    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static readonly FrozenDictionary<string, string> MediaTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(() =>
        typeof(WebApp).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[ResourcePrefix.Length..], Read, StringComparer.Ordinal));

    /// <summary>The names of the files served under <c>/app/</c> (for tests).</summary>
    public static IEnumerable<string> FileNames => Files.Value.Keys.Where(name => name != Index);

    public static Task<IResult> ServePageAsync(HttpRequest request) => Task.FromResult(Serve(Index));

    /// <summary>A file under <c>/app/</c>; the page itself is only at <c>/</c>.</summary>
    public static Task<IResult> ServeAsync(HttpRequest request, string file) =>
        Task.FromResult(file == Index ? Problems.NotFound().ToResult() : Serve(file));

    static IResult Serve(string name) =>
        Files.Value.TryGetValue(name, out byte[]? content) && MediaTypes.TryGetValue(Path.GetExtension(name), out string? mediaType)
            ? new File(content, mediaType)
            : Problems.NotFound().ToResult();

    static byte[] Read(string resource)
    {
        using Stream stream = typeof(WebApp).Assembly.GetManifestResourceStream(resource)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    sealed class File(byte[] content, string mediaType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            HttpResponse response = httpContext.Response;
            response.ContentType = mediaType;
            response.ContentLength = content.Length;
            response.Headers.CacheControl = "no-cache"; // small files: revalidate, so a deploy is seen at once
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers["X-Frame-Options"] = "DENY";
            return response.Body.WriteAsync(content).AsTask();
        }
    }
}
