using Microsoft.AspNetCore.Http;

namespace Onboarding.Application.Operators.Http;

/// <summary>The operator page at <c>/ops</c>: one self-contained HTML file (no assets from the internet).</summary>
public static class OperatorPage
{
    static readonly Lazy<string> Html = new(() =>
    {
        using Stream stream = typeof(OperatorPage).Assembly.GetManifestResourceStream("ops.html")
            ?? throw new InvalidOperationException("ops.html is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static Task<IResult> ServeAsync(HttpRequest request) => Task.FromResult<IResult>(new Page());

    sealed class Page : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            HttpResponse response = httpContext.Response;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Frame-Options"] = "DENY";
            response.Headers.ContentSecurityPolicy =
                "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            return response.WriteAsync(Html.Value);
        }
    }
}
